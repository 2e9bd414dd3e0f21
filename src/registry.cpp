// Building a registry: validation (ids, references, cycles, frameworks, intervals) and indexes.
#include "compliance/registry.hpp"

#include "bytes.hpp"
#include "name_table.hpp"
#include "registry_impl.hpp"

#include <algorithm>
#include <array>

namespace compliance {

namespace detail {

std::string join(const std::vector<std::string>& words, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) out += (i ? sep : "") + words[i];
  return out;
}

bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  return true;
}

} // namespace detail

namespace {

/// A JSON pointer kept as its parts and spelled out only when a problem is reported, so the
/// happy path of a large registry allocates no pointer strings.
class pointer {
public:
  /// `key` is a string literal (the format's member names): kept as a pointer, never copied.
  pointer child(const char* key) const { return push({key, 0}); }
  pointer child(std::size_t index) const { return push({nullptr, index}); }
  /// Descends into member `key` (a string literal) or element `index`, in place.
  void enter(const char* key) noexcept { add({key, 0}); }
  void enter(std::size_t index) noexcept { add({nullptr, index}); }
  /// Undoes the last enter().
  void leave() noexcept { --size_; }
  std::string str() const {
    std::string out;
    for (std::size_t k = 0; k < size_ && k < parts_.size(); ++k)
      out += "/" + (parts_[k].key ? std::string(parts_[k].key) : std::to_string(parts_[k].index));
    return out;
  }

private:
  struct part {
    const char* key; ///< nullptr: an array index
    std::size_t index;
  };
  pointer push(part p) const {
    pointer out = *this;
    out.add(p);
    return out;
  }
  void add(part p) noexcept {
    if (size_ < parts_.size()) parts_[size_] = p;
    ++size_; // deeper than parts_ cannot happen: the format's structure bounds the depth
  }
  std::array<part, 7> parts_{}; ///< the deepest: /vendors/i/evidence/j/subservice/k/vendor
  std::size_t size_ = 0;
};

/// Collects the problems of a registry_data, each with its JSON pointer.
class validator {
public:
  /// Checks the document's own framework rows at once; vendors come with vendor().
  explicit validator(const registry_data& d, const catalog& c) : data_(d), catalog_(c) {
    for (std::size_t k = 0; k < data_.frameworks.size(); ++k)
      if (!is_valid_id(data_.frameworks[k].id.str()))
        error(errc::bad_id, pointer().child("frameworks").child(k).child("id"),
              "The framework id \"" + data_.frameworks[k].id.str() + "\" is not made of [a-z0-9._-].");
  }

  /// Sizes the name tables for about `vendors` vendors (they grow if more come).
  void expect(std::size_t vendors) {
    std::size_t names = 0, evidence = 0;
    for (const auto& v : data_.vendors) {
      names += 1 + v.aliases.size();
      evidence += v.evidence.size();
    }
    const std::size_t more = vendors > data_.vendors.size() ? vendors - data_.vendors.size() : 0;
    names_ = detail::name_table<true>(names + 2 * more);
    evidence_ids_ = detail::name_table<false>(evidence + 8 * more);
  }

  /// Starts loading vendor `i`'s evidence and table slots (a hint for a loop over cold data).
  void prefetch(std::size_t i) const noexcept {
    const auto& v = data_.vendors[i];
    names_.prefetch(v.id.str());
    for (const auto& e : v.evidence) evidence_ids_.prefetch(e.id.str());
  }

  /// Problems found so far.
  std::size_t problems() const noexcept { return out_.size(); }

  /// What needs every vendor: dangling references and relies_on cycles. Returns every problem.
  std::vector<diagnostic> finish() {
    references();
    cycles();
    return std::move(out_);
  }

  /// Checks vendor `i`: its ids and names (against every vendor before it), evidence and dates.
  void vendor(std::size_t i) {
    const auto& v = data_.vendors[i];
    at vendors(*this, "vendors"), index(*this, i);
    id(v.id.str(), "vendor");
    claim(v.id.str(), "id", i, false);
    {
      at aliases(*this, "aliases");
      for (std::size_t k = 0; k < v.aliases.size(); ++k) {
        at element(*this, k);
        claim(v.aliases[k], nullptr, i, true);
      }
    }
    {
      at agreements(*this, "agreements");
      for (std::size_t k = 0; k < v.agreements.size(); ++k) {
        at element(*this, k);
        const auto& a = v.agreements[k];
        known(a.signed_on, "signed");
        if (a.ends) ordered(a.signed_on, *a.ends, "signed", "ends");
      }
    }
    at evidence(*this, "evidence");
    for (std::size_t j = 0; j < v.evidence.size(); ++j) {
      at element(*this, j);
      const auto& e = v.evidence[j];
      id(e.id.str(), "evidence");
      if (!evidence_ids_.insert(e.id.str(), j).second)
        error_at(errc::duplicate_id, "id", "The evidence id \"" + e.id.str() + "\" is used more than once.");
      if (!catalog_.find(e.framework.str()))
        error_at(errc::unknown_framework, "framework",
                 "The framework \"" + e.framework.str() + "\" is neither in the catalog nor in the document's frameworks" +
                     suggestion(catalog_.closest(e.framework.str())) + ".");
      evidence_dates(e);
    }
  }

private:
  void error(errc code, const pointer& where, std::string message) {
    out_.push_back(diagnostic{code, diagnostic_level::error, where.str(), 0, 0, std::move(message), {}});
  }

  // The record being checked is `here_`, entered and left as the checks descend (at): the happy
  // path builds and copies no pointers, and a problem is reported at a member of `here_`.

  /// Enters a member or an element for the lifetime of the object.
  class at {
  public:
    at(validator& v, const char* key) : v_(v) { v_.here_.enter(key); }
    at(validator& v, std::size_t index) : v_(v) { v_.here_.enter(index); }
    ~at() { v_.here_.leave(); }
    at(const at&) = delete;
    at& operator=(const at&) = delete;

  private:
    validator& v_;
  };

  /// An error at the member `key` of the current record (at the record itself when null).
  void error_at(errc code, const char* key, std::string message) {
    error(code, key ? here_.child(key) : here_, std::move(message));
  }

  void id(const std::string& value, const char* what) {
    if (!is_valid_id(value))
      error_at(errc::bad_id, "id", std::string("The ") + what + " id \"" + value + "\" must be a non-empty string of [a-z0-9._-].");
  }

  void known(date d, const char* field) {
    if (d.is_special()) error_at(errc::missing_field, field, std::string("The required date \"") + field + "\" is missing.");
  }

  /// `b` must not be before `a`; reported at `b`, or at `member` when given.
  void ordered(date first, date last, const char* a, const char* b, const char* member = nullptr) {
    if (!first.is_special() && !last.is_special() && last < first)
      error_at(errc::bad_interval, member ? member : b,
               std::string("\"") + b + "\" (" + to_string(last) + ") is before \"" + a + "\" (" + to_string(first) + ").");
  }

  static std::string suggestion(const std::vector<std::string>& words) {
    if (words.empty()) return "";
    std::string s = " (did you mean ";
    for (std::size_t k = 0; k < words.size(); ++k) s += (k ? ", " : "") + words[k];
    return s + "?)";
  }

  void evidence_dates(const evidence& e) {
    if (const auto* c = std::get_if<certificate>(&e.details)) {
      known(c->issued, "issued");
      known(c->expires, "expires");
      ordered(c->issued, c->expires, "issued", "expires");
      {
        at status(*this, "status");
        for (std::size_t k = 0; k < c->status.size(); ++k) {
          at element(*this, k);
          const auto& s = c->status[k];
          known(s.from, "from");
          if (s.to) ordered(s.from, *s.to, "from", "to");
        }
      }
      if (c->audits) {
        at audits(*this, "audits");
        for (std::size_t k = 0; k < c->audits->size(); ++k) {
          at element(*this, k);
          known((*c->audits)[k].on, "date");
        }
      }
    } else if (const auto* r = std::get_if<report>(&e.details)) {
      if (r->kind == report_type::type2) {
        if (!r->period_from || !r->period_to || r->period_from->is_special() || r->period_to->is_special())
          error_at(errc::missing_field, "period", "A type 2 report needs a period with \"from\" and \"to\".");
        else
          ordered(*r->period_from, *r->period_to, "period.from", "period.to", "period");
      } else if (!r->as_of || r->as_of->is_special()) {
        error_at(errc::missing_field, "as_of", "A type 1 report needs its \"as_of\" date.");
      }
      at letters(*this, "bridge_letters");
      for (std::size_t k = 0; k < r->bridge_letters.size(); ++k) {
        at element(*this, k);
        known(r->bridge_letters[k].through, "through");
      }
    } else if (const auto* s = std::get_if<self_assessment>(&e.details)) {
      known(s->completed, "completed");
      if (s->valid_until) ordered(s->completed, *s->valid_until, "completed", "valid_until");
    } else if (const auto* l = std::get_if<listing>(&e.details)) {
      known(l->listed, "listed");
      known(l->next_due, "next_due");
      ordered(l->listed, l->next_due, "listed", "next_due");
    } else if (const auto* a = std::get_if<attestation>(&e.details)) {
      known(a->since, "since");
      if (a->until) ordered(a->since, *a->until, "since", "until");
    }
  }

  // G2: ids and aliases share one case-insensitive namespace. Reported at member `key` of the
  // current record (at the record itself when null).
  void claim(const std::string& name, const char* key, std::size_t vendor_index, bool alias) {
    const auto [holder, inserted] = names_.insert(name, vendor_index);
    if (inserted) return;
    if (holder != vendor_index)
      error_at(errc::duplicate_id, key,
               "The vendor name \"" + name + "\" is already used by vendor \"" + data_.vendors[holder].id.str() + "\".");
    else if (!alias) // an alias may repeat its own vendor's id in another case
      error_at(errc::duplicate_id, key, "The vendor id \"" + name + "\" is used more than once.");
  }

  void references() {
    for (std::size_t i = 0; i < data_.vendors.size(); ++i) {
      const auto& v = data_.vendors[i];
      for (std::size_t k = 0; k < v.relies_on.size(); ++k)
        if (!resolves(v.relies_on[k].vendor))
          error(errc::dangling_reference, pointer().child("vendors").child(i).child("relies_on").child(k).child("vendor"),
                "relies_on names the vendor \"" + v.relies_on[k].vendor.str() + "\", which is not in the registry.");
      for (std::size_t j = 0; j < v.evidence.size(); ++j)
        if (const auto* r = std::get_if<report>(&v.evidence[j].details))
          for (std::size_t k = 0; k < r->subservices.size(); ++k)
            if (!resolves(r->subservices[k].vendor))
              error(errc::dangling_reference,
                    pointer().child("vendors").child(i).child("evidence").child(j).child("subservice").child(k).child("vendor"),
                    "The report names the subservice vendor \"" + r->subservices[k].vendor.str() +
                        "\", which is not in the registry.");
    }
  }

  bool resolves(const vendor_id& id) const { return names_.find(id.str()) != nullptr; }

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
        const auto* found = names_.find(links[k].vendor.str());
        if (!found) continue;
        const std::size_t to = *found;
        if (state[to] == 1) {
          std::string path;
          bool on = false;
          for (const auto& frame : stack) {
            if (frame.first == to) on = true;
            if (on) path += data_.vendors[frame.first].id.str() + " -> ";
          }
          error(errc::relies_on_cycle, pointer().child("vendors").child(v).child("relies_on").child(k).child("vendor"),
                "relies_on links form a cycle: " + path + data_.vendors[to].id.str() + ".");
        } else if (state[to] == 0) {
          state[to] = 1;
          stack.emplace_back(to, 0);
        }
      }
    }
  }

public:
  /// Vendor ids and aliases (any case) → vendor index (valid once run() found no problem).
  const detail::name_table<true>& names() const noexcept { return names_; }

private:
  const registry_data& data_;
  const catalog& catalog_;
  detail::name_table<true> names_;
  detail::name_table<false> evidence_ids_; ///< views into data_, whose vendors never move
  pointer here_; ///< the record being checked
  std::vector<diagnostic> out_;
};

} // namespace

namespace detail {

struct assembler::state {
  std::shared_ptr<registry_impl> impl;
  validator check;
  std::size_t added = 0; ///< vendors checked and indexed so far

  state(std::shared_ptr<registry_impl> i) : impl(std::move(i)), check(impl->data, impl->frameworks) {}
};

namespace {
std::shared_ptr<registry_impl> make_impl(registry_data data) {
  catalog frameworks(catalog::builtin(), data.frameworks);
  return std::make_shared<registry_impl>(std::move(data), std::move(frameworks));
}
} // namespace

assembler::assembler(registry_data data, std::size_t vendors)
    : state_(std::make_unique<state>(make_impl(std::move(data)))) {
  auto& all = state_->impl->data.vendors;
  vendors = std::max(vendors, all.size());
  all.reserve(vendors);
  state_->check.expect(vendors);
  state_->impl->fast.begin(*state_->impl);
}

assembler::~assembler() = default;

registry_data& assembler::data() noexcept { return state_->impl->data; }

void assembler::prefetch(std::size_t i) const noexcept { state_->check.prefetch(i); }

void assembler::add(std::size_t i) {
  state& s = *state_;
  if (i != s.added) return; // out of order: finish() checks it
  const std::size_t before = s.check.problems();
  s.check.vendor(i);
  if (s.check.problems() == before) s.impl->fast.add(static_cast<std::uint32_t>(i));
  ++s.added;
}

boost::system::result<registry, diagnostics> assembler::finish() {
  state& s = *state_;
  const auto& vendors = s.impl->data.vendors;
  // Vendors not added yet are cold (registry::build): ask for their data a few vendors ahead.
  constexpr std::size_t ahead = 4;
  for (std::size_t i = s.added; i < vendors.size(); ++i) {
    if (i + 2 * ahead < vendors.size()) {
      const auto& later = vendors[i + 2 * ahead].evidence;
      prefetch_bytes(later.data(), later.size() * sizeof(evidence));
    }
    if (i + ahead < vendors.size()) prefetch(i + ahead);
    add(i);
  }
  auto problems = s.check.finish();
  if (!problems.empty()) return diagnostics{std::move(problems)};
  // C16: resolve every link to an index once (the validator found them all).
  s.impl->relies_on.assign(vendors.size(), {});
  for (std::size_t i = 0; i < vendors.size(); ++i)
    for (const auto& link : vendors[i].relies_on)
      s.impl->relies_on[i].push_back(static_cast<std::uint32_t>(*s.check.names().find(link.vendor.str())));
  s.impl->fast.finish();
  return registry(std::move(s.impl));
}

} // namespace detail

boost::system::result<registry, diagnostics> registry::build(registry_data data) {
  return detail::assembler(std::move(data)).finish();
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
