// Building a registry: validation (ids, references, cycles, frameworks, intervals) and indexes.
#include "compliance/registry.hpp"

#include "registry_impl.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace compliance {

namespace detail {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

} // namespace detail

namespace {

/// Collects the problems of a registry_data, each with its JSON pointer.
class validator {
public:
  explicit validator(const registry_data& d, const catalog& c) : data_(d), catalog_(c) {}

  std::vector<diagnostic> run() {
    for (std::size_t k = 0; k < data_.frameworks.size(); ++k)
      if (!is_valid_id(data_.frameworks[k].id.str()))
        error(errc::bad_id, "/frameworks/" + std::to_string(k) + "/id",
              "The framework id \"" + data_.frameworks[k].id.str() + "\" is not made of [a-z0-9._-].");
    std::unordered_set<std::string> evidence_ids;
    for (std::size_t i = 0; i < data_.vendors.size(); ++i) vendor(i, evidence_ids);
    references();
    cycles();
    return std::move(out_);
  }

private:
  void error(errc code, std::string pointer, std::string message) {
    out_.push_back(diagnostic{code, diagnostic_level::error, std::move(pointer), 0, 0, std::move(message), {}});
  }

  void id(const std::string& value, const std::string& pointer, const char* what) {
    if (!is_valid_id(value))
      error(errc::bad_id, pointer,
            std::string("The ") + what + " id \"" + value + "\" must be a non-empty string of [a-z0-9._-].");
  }

  void known(date d, const std::string& pointer, const char* field) {
    if (d.is_special()) error(errc::missing_field, pointer, std::string("The required date \"") + field + "\" is missing.");
  }

  void ordered(date first, date last, const std::string& pointer, const char* a, const char* b) {
    if (!first.is_special() && !last.is_special() && last < first)
      error(errc::bad_interval, pointer,
            std::string("\"") + b + "\" (" + to_string(last) + ") is before \"" + a + "\" (" + to_string(first) + ").");
  }

  void vendor(std::size_t i, std::unordered_set<std::string>& evidence_ids) {
    const auto& v = data_.vendors[i];
    const std::string vp = "/vendors/" + std::to_string(i);
    id(v.id.str(), vp + "/id", "vendor");
    claim(v.id.str(), vp + "/id", i);
    for (std::size_t k = 0; k < v.aliases.size(); ++k) claim(v.aliases[k], vp + "/aliases/" + std::to_string(k), i);
    for (std::size_t k = 0; k < v.agreements.size(); ++k) {
      const auto& a = v.agreements[k];
      const std::string ap = vp + "/agreements/" + std::to_string(k);
      known(a.signed_on, ap + "/signed", "signed");
      if (a.ends) ordered(a.signed_on, *a.ends, ap + "/ends", "signed", "ends");
    }
    for (std::size_t j = 0; j < v.evidence.size(); ++j) {
      const auto& e = v.evidence[j];
      const std::string ep = vp + "/evidence/" + std::to_string(j);
      id(e.id.str(), ep + "/id", "evidence");
      if (!evidence_ids.insert(e.id.str()).second)
        error(errc::duplicate_id, ep + "/id", "The evidence id \"" + e.id.str() + "\" is used more than once.");
      if (!catalog_.find(e.framework.str()))
        error(errc::unknown_framework, ep + "/framework",
              "The framework \"" + e.framework.str() + "\" is neither in the catalog nor in the document's frameworks" +
                  suggestion(catalog_.closest(e.framework.str())) + ".");
      evidence_dates(e, ep);
    }
  }

  static std::string suggestion(const std::vector<std::string>& words) {
    if (words.empty()) return "";
    std::string s = " (did you mean ";
    for (std::size_t k = 0; k < words.size(); ++k) s += (k ? ", " : "") + words[k];
    return s + "?)";
  }

  void evidence_dates(const evidence& e, const std::string& ep) {
    if (const auto* c = std::get_if<certificate>(&e.details)) {
      known(c->issued, ep + "/issued", "issued");
      known(c->expires, ep + "/expires", "expires");
      ordered(c->issued, c->expires, ep + "/expires", "issued", "expires");
      for (std::size_t k = 0; k < c->status.size(); ++k) {
        const auto& s = c->status[k];
        const std::string sp = ep + "/status/" + std::to_string(k);
        known(s.from, sp + "/from", "from");
        if (s.to) ordered(s.from, *s.to, sp + "/to", "from", "to");
      }
      if (c->audits)
        for (std::size_t k = 0; k < c->audits->size(); ++k)
          known((*c->audits)[k].on, ep + "/audits/" + std::to_string(k) + "/date", "date");
    } else if (const auto* r = std::get_if<report>(&e.details)) {
      if (r->kind == report_type::type2) {
        if (!r->period_from || !r->period_to || r->period_from->is_special() || r->period_to->is_special())
          error(errc::missing_field, ep + "/period", "A type 2 report needs a period with \"from\" and \"to\".");
        else
          ordered(*r->period_from, *r->period_to, ep + "/period", "period.from", "period.to");
      } else if (!r->as_of || r->as_of->is_special()) {
        error(errc::missing_field, ep + "/as_of", "A type 1 report needs its \"as_of\" date.");
      }
      for (std::size_t k = 0; k < r->bridge_letters.size(); ++k)
        known(r->bridge_letters[k].through, ep + "/bridge_letters/" + std::to_string(k) + "/through", "through");
    } else if (const auto* s = std::get_if<self_assessment>(&e.details)) {
      known(s->completed, ep + "/completed", "completed");
      if (s->valid_until) ordered(s->completed, *s->valid_until, ep + "/valid_until", "completed", "valid_until");
    } else if (const auto* l = std::get_if<listing>(&e.details)) {
      known(l->listed, ep + "/listed", "listed");
      known(l->next_due, ep + "/next_due", "next_due");
      ordered(l->listed, l->next_due, ep + "/next_due", "listed", "next_due");
    } else if (const auto* a = std::get_if<attestation>(&e.details)) {
      known(a->since, ep + "/since", "since");
      if (a->until) ordered(a->since, *a->until, ep + "/until", "since", "until");
    }
  }

  // G2: ids and aliases share one case-insensitive namespace.
  void claim(const std::string& name, const std::string& pointer, std::size_t vendor_index) {
    auto [it, inserted] = names_.try_emplace(detail::ascii_lower(name), vendor_index);
    if (!inserted && it->second != vendor_index)
      error(errc::duplicate_id, pointer,
            "The vendor name \"" + name + "\" is already used by vendor \"" + data_.vendors[it->second].id.str() + "\".");
    else if (!inserted && pointer.find("/aliases/") == std::string::npos)
      error(errc::duplicate_id, pointer, "The vendor id \"" + name + "\" is used more than once.");
  }

  void references() {
    for (std::size_t i = 0; i < data_.vendors.size(); ++i) {
      const auto& v = data_.vendors[i];
      for (std::size_t k = 0; k < v.relies_on.size(); ++k)
        if (!resolves(v.relies_on[k].vendor))
          error(errc::dangling_reference, "/vendors/" + std::to_string(i) + "/relies_on/" + std::to_string(k) + "/vendor",
                "relies_on names the vendor \"" + v.relies_on[k].vendor.str() + "\", which is not in the registry.");
      for (std::size_t j = 0; j < v.evidence.size(); ++j)
        if (const auto* r = std::get_if<report>(&v.evidence[j].details))
          for (std::size_t k = 0; k < r->subservices.size(); ++k)
            if (!resolves(r->subservices[k].vendor))
              error(errc::dangling_reference,
                    "/vendors/" + std::to_string(i) + "/evidence/" + std::to_string(j) + "/subservice/" +
                        std::to_string(k) + "/vendor",
                    "The report names the subservice vendor \"" + r->subservices[k].vendor.str() +
                        "\", which is not in the registry.");
    }
  }

  bool resolves(const vendor_id& id) const { return names_.count(detail::ascii_lower(id.str())) != 0; }

  // C16: a cycle of relies_on is a load error. Iterative depth-first search (no recursion).
  void cycles() {
    const std::size_t n = data_.vendors.size();
    std::vector<std::uint8_t> state(n, 0); // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> stack; // vendor, next link
    for (std::size_t start = 0; start < n; ++start) {
      if (state[start]) continue;
      stack.emplace_back(start, 0);
      state[start] = 1;
      while (!stack.empty()) {
        auto& [v, link] = stack.back();
        const auto& links = data_.vendors[v].relies_on;
        if (link == links.size()) {
          state[v] = 2;
          stack.pop_back();
          continue;
        }
        const std::size_t k = link++;
        auto it = names_.find(detail::ascii_lower(links[k].vendor.str()));
        if (it == names_.end()) continue;
        const std::size_t to = it->second;
        if (state[to] == 1) {
          std::string path;
          bool on = false;
          for (const auto& frame : stack) {
            if (frame.first == to) on = true;
            if (on) path += data_.vendors[frame.first].id.str() + " -> ";
          }
          error(errc::relies_on_cycle, "/vendors/" + std::to_string(v) + "/relies_on/" + std::to_string(k) + "/vendor",
                "relies_on links form a cycle: " + path + data_.vendors[to].id.str() + ".");
        } else if (state[to] == 0) {
          state[to] = 1;
          stack.emplace_back(to, 0);
        }
      }
    }
  }

  const registry_data& data_;
  const catalog& catalog_;
  std::unordered_map<std::string, std::size_t> names_;
  std::vector<diagnostic> out_;
};

} // namespace

boost::system::result<registry, diagnostics> registry::build(registry_data data) {
  catalog frameworks(catalog::builtin(), data.frameworks);
  auto problems = validator(data, frameworks).run();
  if (!problems.empty()) return diagnostics{std::move(problems)};
  auto impl = std::make_shared<detail::registry_impl>(std::move(data), std::move(frameworks));
  const auto& vendors = impl->data.vendors;
  std::unordered_map<std::string, std::uint32_t> ids;
  for (std::uint32_t i = 0; i < vendors.size(); ++i) {
    ids.emplace(detail::ascii_lower(vendors[i].id.str()), i);
    for (const auto& a : vendors[i].aliases) ids.emplace(detail::ascii_lower(a), i);
  }
  impl->relies_on.resize(vendors.size());
  for (std::uint32_t i = 0; i < vendors.size(); ++i)
    for (const auto& link : vendors[i].relies_on) impl->relies_on[i].push_back(ids.at(detail::ascii_lower(link.vendor.str())));
  impl->fast.build(*impl);
  return registry(std::move(impl));
}

registry::registry() {
  auto impl = std::make_shared<detail::registry_impl>(registry_data{}, catalog::builtin());
  impl->fast.build(*impl);
  impl_ = std::move(impl);
}

const registry_data& registry::data() const noexcept { return impl_->data; }
const catalog& registry::frameworks() const noexcept { return impl_->frameworks; }
const policy& registry::policy() const noexcept { return impl_->policy; }

const vendor* registry::find_vendor(std::string_view name) const noexcept {
  const auto i = impl_->find(name);
  return i < 0 ? nullptr : &impl_->data.vendors[static_cast<std::size_t>(i)];
}

std::vector<std::string> registry::closest_vendors(std::string_view name) const {
  std::vector<std::string> names;
  for (const auto& v : impl_->data.vendors) {
    names.push_back(v.id.str());
  }
  return closest_words(name, names, 3);
}

requirement registry::parse(std::string_view expression) const {
  return parse_requirement(expression, impl_->frameworks);
}

boost::system::result<requirement, expression_error> registry::try_parse(std::string_view expression) const {
  return try_parse_requirement(expression, impl_->frameworks);
}

} // namespace compliance
