// Building a registry: validation (ids, references, cycles, frameworks, intervals) and indexes.
#include "compliance/registry.hpp"

#include "util/bytes.hpp"
#include "registry/name_table.hpp"
#include "registry/registry_impl.hpp"
#include "util/strings.hpp"

#include <algorithm>
#include <array>

namespace compliance {

namespace detail {

const framework_filter* registry_impl::frameworks_read(const requirement& req, framework_filter& scratch,
                                                      std::int64_t row) const {
  if (decode_everything::active() || req.empty()) return nullptr;
  if (row >= 0) return &evidence_frameworks_[static_cast<std::size_t>(row)];
  const auto& rows = frameworks_.rows();
  const framework_filter* one = nullptr;
  for (const auto& a : req.atoms()) {
    const auto* found = frameworks_.find(a.framework.str());
    if (!found) return nullptr; // custom equivalences may still name it: read everything
    const auto& read = evidence_frameworks_[static_cast<std::size_t>(found - rows.data())];
    if (!one) {
      one = &read;
      continue;
    }
    if (one != &scratch) {
      scratch = *one;
      one = &scratch;
    }
    for (const auto& id : read)
      if (std::find(scratch.begin(), scratch.end(), id) == scratch.end()) scratch.push_back(id);
  }
  return one;
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
    for (std::size_t k = 0; k < size_ && k < parts_.size(); ++k) {
      if (parts_[k].key) detail::append_pointer_token(out, parts_[k].key);
      else detail::append_pointer_index(out, parts_[k].index);
    }
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
  /// Checks the document's own framework rows at once; vendors come with vendor(). `store`
  /// holds the vendors checked so far (for the ids messages name).
  validator(const registry_data& header, const catalog& c, const detail::vendor_store& store)
      : catalog_(c), store_(store) {
    for (std::size_t k = 0; k < header.frameworks.size(); ++k)
      if (!is_valid_id(header.frameworks[k].id.str()))
        error(errc::bad_id, pointer().child("frameworks").child(k).child("id"),
              "The framework id \"" + header.frameworks[k].id.str() + "\" is not made of [a-z0-9._-].");
  }

  /// Sizes the name tables for about `vendors` vendors (they grow if more come).
  void expect(std::size_t vendors) {
    names_ = detail::name_table<true>(2 * vendors);
    evidence_ids_ = detail::name_table<false>(5 * vendors); // about five evidence a vendor (grows if more)
    first_reference_.reserve(vendors + 1);
  }

  /// Starts loading the table slots of `v`'s names (a hint for a loop over cold data).
  void prefetch(const compliance::vendor& v) const noexcept {
    names_.prefetch(v.id.str());
    for (const auto& e : v.evidence) evidence_ids_.prefetch(e.id.str());
  }

  /// Problems found so far.
  std::size_t problems() const noexcept { return out_.size(); }

  /// What needs every vendor: dangling references and relies_on cycles. Returns every problem.
  std::vector<diagnostic> finish() {
    first_reference_.push_back(references_.size());
    references();
    cycles();
    return std::move(out_);
  }

  /// Per vendor, the index of each vendor its relies_on links name (once finish() found no problem).
  std::vector<std::vector<std::uint32_t>> relies_on() const {
    std::vector<std::vector<std::uint32_t>> out(first_reference_.size() - 1);
    for (std::size_t v = 0; v + 1 < first_reference_.size(); ++v)
      for (auto r = first_reference_[v]; r < first_reference_[v + 1] && references_[r].evidence == link; ++r)
        out[v].push_back(static_cast<std::uint32_t>(*names_.find(references_[r].name)));
    return out;
  }

  /// Checks `v`, vendor `i` (they come in order): its ids and names (against every vendor
  /// before it), evidence and dates, and notes the vendors it names for finish().
  void vendor(std::size_t i, const compliance::vendor& v) {
    first_reference_.push_back(references_.size());
    for (std::size_t k = 0; k < v.relies_on.size(); ++k)
      references_.push_back({names_copy_.keep(v.relies_on[k].vendor.str()), i, link, k});
    for (std::size_t j = 0; j < v.evidence.size(); ++j)
      if (const auto* r = std::get_if<report>(&v.evidence[j].details))
        for (std::size_t k = 0; k < r->subservices.size(); ++k)
          references_.push_back({names_copy_.keep(r->subservices[k].vendor.str()), i, j, k});
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
      if (!evidence_ids_.insert(names_copy_.keep(e.id.str()), j).second)
        error_at(errc::duplicate_id, "id", "The evidence id \"" + e.id.str() + "\" is used more than once.");
      if (!catalog_.find(e.framework.str()))
        error_at(errc::unknown_framework, "framework",
                 "The framework \"" + e.framework.str() + "\" is neither in the catalog nor in the document's frameworks" +
                     detail::did_you_mean(catalog_.closest(e.framework.str())) + ".");
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
    const auto [holder, inserted] = names_.insert(names_copy_.keep(name), vendor_index); // outlives the vendor object
    if (inserted) return;
    if (holder != vendor_index)
      error_at(errc::duplicate_id, key,
               "The vendor name \"" + name + "\" is already used by vendor \"" + std::string(store_.id(holder)) + "\".");
    else if (!alias) // an alias may repeat its own vendor's id in another case
      error_at(errc::duplicate_id, key, "The vendor id \"" + name + "\" is used more than once.");
  }

  void references() {
    for (const auto& r : references_) {
      if (names_.find(r.name)) continue;
      if (r.evidence == link)
        error(errc::dangling_reference,
              pointer().child("vendors").child(r.vendor).child("relies_on").child(r.index).child("vendor"),
              "relies_on names the vendor \"" + std::string(r.name) + "\", which is not in the registry.");
      else
        error(errc::dangling_reference,
              pointer().child("vendors").child(r.vendor).child("evidence").child(r.evidence).child("subservice").child(r.index).child("vendor"),
              "The report names the subservice vendor \"" + std::string(r.name) + "\", which is not in the registry.");
    }
  }

  // C16: a cycle of relies_on is a load error. Iterative depth-first search (no recursion).
  void cycles() {
    const std::size_t n = first_reference_.size() - 1;
    std::vector<std::uint8_t> state(n, 0); // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<std::size_t, std::size_t>> stack; // vendor, next of its references
    for (std::size_t start = 0; start < n; ++start) {
      if (state[start]) continue;
      stack.emplace_back(start, first_reference_[start]);
      state[start] = 1;
      while (!stack.empty()) {
        auto& [v, next] = stack.back();
        if (next == first_reference_[v + 1] || references_[next].evidence != link) { // links come first
          state[v] = 2;
          stack.pop_back();
          continue;
        }
        const auto& r = references_[next++];
        const auto* found = names_.find(r.name);
        if (!found) continue;
        const std::size_t to = *found;
        if (state[to] == 1) {
          std::string path;
          bool on = false;
          for (const auto& frame : stack) {
            if (frame.first == to) on = true;
            if (on) path += std::string(store_.id(frame.first)) + " -> ";
          }
          error(errc::relies_on_cycle, pointer().child("vendors").child(v).child("relies_on").child(r.index).child("vendor"),
                "relies_on links form a cycle: " + path + std::string(store_.id(to)) + ".");
        } else if (state[to] == 0) {
          state[to] = 1;
          stack.emplace_back(to, first_reference_[to]);
        }
      }
    }
  }

  /// A vendor named by another: in a relies_on link (`evidence` is `link`) or as a report's
  /// subservice organisation.
  struct reference {
    std::string_view name; ///< in names_copy_
    std::size_t vendor;    ///< the vendor naming it
    std::size_t evidence;  ///< the report naming it, or `link`
    std::size_t index;     ///< in relies_on, or in the report's subservice list
  };
  static constexpr std::size_t link = static_cast<std::size_t>(-1);

  const catalog& catalog_;
  const detail::vendor_store& store_;
  detail::string_arena names_copy_;        ///< the names the tables and references view
  detail::name_table<true> names_;         ///< vendor ids and aliases (any case) → vendor index
  detail::name_table<false> evidence_ids_;
  std::vector<reference> references_;      ///< each vendor's relies_on links, then its subservices
  std::vector<std::size_t> first_reference_; ///< per vendor, its first in references_ (and the end)
  pointer here_; ///< the record being checked
  std::vector<diagnostic> out_;
};

} // namespace

namespace {
std::shared_ptr<detail::registry_impl> make_impl(registry_data header) {
  header.vendors.clear();
  catalog frameworks(catalog::builtin(), header.frameworks);
  return std::make_shared<detail::registry_impl>(std::move(header), std::move(frameworks));
}
} // namespace

struct registry::assembler::state {
  std::shared_ptr<detail::registry_impl> impl;
  validator check;

  explicit state(std::shared_ptr<detail::registry_impl> i)
      : impl(std::move(i)), check(impl->header(), impl->frameworks(), impl->vendors()) {}
};

registry::assembler::assembler(registry_data header, std::size_t vendors)
    : state_(std::make_unique<state>(make_impl(std::move(header)))) {
  state_->impl->begin(vendors);
  state_->check.expect(vendors);
}

registry::assembler::~assembler() = default;
registry::assembler::assembler(assembler&&) noexcept = default;
registry::assembler& registry::assembler::operator=(assembler&&) noexcept = default;

void registry::assembler::prefetch(const vendor& v) const noexcept { state_->check.prefetch(v); }

void registry::assembler::add(const vendor& v) {
  state& s = *state_;
  const auto i = static_cast<std::uint32_t>(s.impl->vendors().size());
  const std::size_t before = s.check.problems();
  s.check.vendor(i, v);
  s.impl->add(v, s.check.problems() == before);
}

boost::system::result<registry, diagnostics> registry::assembler::finish() {
  state& s = *state_;
  auto problems = s.check.finish();
  if (!problems.empty()) return diagnostics{std::move(problems)};
  s.impl->finish(s.check.relies_on()); // C16: every link resolved once
  return registry(std::move(s.impl));
}

boost::system::result<registry, diagnostics> registry::build(registry_data data) {
  assembler a(registry_data{data.policy, std::move(data.frameworks), {}}, data.vendors.size());
  constexpr std::size_t ahead = 4; // the vendors are cold: ask for their table slots early
  const auto& vendors = data.vendors;
  for (std::size_t i = 0; i < vendors.size(); ++i) {
    if (i + ahead < vendors.size()) a.prefetch(vendors[i + ahead]);
    a.add(vendors[i]);
  }
  return a.finish();
}

registry::registry() {
  auto impl = std::make_shared<detail::registry_impl>(registry_data{}, catalog::builtin());
  impl->finish_empty();
  impl_ = std::move(impl);
}

registry_data registry::data() const {
  registry_data out = impl_->header();
  const auto& store = impl_->vendors();
  out.vendors.resize(store.size());
  for (std::size_t i = 0; i < store.size(); ++i) store.decode(i, out.vendors[i]);
  return out;
}
std::size_t registry::size() const noexcept { return impl_->vendors().size(); }
std::vector<vendor_id> registry::vendor_ids() const {
  std::vector<vendor_id> out;
  out.reserve(impl_->vendors().size());
  for (std::size_t i = 0; i < impl_->vendors().size(); ++i) out.emplace_back(impl_->vendors().id(i));
  return out;
}
std::vector<framework_id> registry::frameworks_in_use() const {
  const auto held = impl_->vendors().frameworks_held();
  std::vector<framework_id> out;
  for (const auto& row : impl_->frameworks().rows())
    if (std::find(held.begin(), held.end(), row.id.str()) != held.end()) out.push_back(row.id);
  return out;
}
const catalog& registry::frameworks() const noexcept { return impl_->frameworks(); }
const policy& registry::policy() const noexcept { return impl_->policy(); }

std::optional<vendor> registry::find_vendor(std::string_view name) const {
  const auto i = impl_->find(name);
  if (i < 0) return std::nullopt;
  return impl_->vendors().at(static_cast<std::size_t>(i));
}

std::vector<std::string> registry::closest_vendors(std::string_view name) const {
  std::vector<std::string> names;
  names.reserve(impl_->vendors().size());
  for (std::size_t i = 0; i < impl_->vendors().size(); ++i) names.emplace_back(impl_->vendors().id(i));
  return closest_words(name, names, 3);
}

requirement registry::parse(std::string_view expression) const {
  return parse_requirement(expression, impl_->frameworks());
}

boost::system::result<requirement, expression_error> registry::try_parse(std::string_view expression) const {
  return try_parse_requirement(expression, impl_->frameworks());
}

} // namespace compliance
