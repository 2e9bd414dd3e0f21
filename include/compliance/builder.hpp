#ifndef COMPLIANCE_BUILDER_HPP
#define COMPLIANCE_BUILDER_HPP

/// \file
/// A registry in a few readable lines, for other products' unit tests and for examples:
///
/// \code
/// compliance::registry_builder b;
/// b.vendor("acme").certificate("iso27001").issued("2024-01-10").expires("2027-01-09");
/// compliance::registry reg = b.build();
/// \endcode
///
/// Dates are strict `YYYY-MM-DD` strings (a bad one throws std::invalid_argument at once,
/// naming it); build() validates like a registry document and throws document_error.

#include "compliance/registry.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace compliance {

class registry_builder;

namespace detail {

/// Setters every evidence type shares; `Derived` is the concrete builder, `Details` its record.
template <class Derived, class Details>
class evidence_builder {
public:
  evidence_builder(registry_data& data, std::size_t vendor, std::size_t index)
      : data_(&data), vendor_(vendor), index_(index) {}

  /// Replaces the generated evidence id.
  Derived& id(std::string value) { return set([&](evidence& e) { e.id = evidence_id(std::move(value)); }); }
  /// The edition (`2022`, `4.0.1`).
  Derived& edition(std::string value) { return set([&](evidence& e) { e.edition = std::move(value); }); }
  /// C15: limits the evidence to these services.
  Derived& services(std::vector<std::string> v) { return set([&](evidence& e) { scope(e).services = std::move(v); }); }
  /// C15: limits the evidence to these regions.
  Derived& regions(std::vector<std::string> v) { return set([&](evidence& e) { scope(e).regions = std::move(v); }); }
  /// C15: limits the evidence to these plans.
  Derived& plans(std::vector<std::string> v) { return set([&](evidence& e) { scope(e).plans = std::move(v); }); }
  /// Where the evidence was read (URL or document).
  Derived& source(std::string v) { return set([&](evidence& e) { e.source = std::move(v); }); }
  /// Free-text notes.
  Derived& notes(std::string v) { return set([&](evidence& e) { e.notes = std::move(v); }); }

  /// The evidence as built so far.
  const evidence& get() const { return data_->vendors[vendor_].evidence[index_]; }

protected:
  template <class F>
  Derived& set(F&& f) {
    f(data_->vendors[vendor_].evidence[index_]);
    return static_cast<Derived&>(*this);
  }
  template <class F>
  Derived& with(F&& f) {
    f(std::get<Details>(data_->vendors[vendor_].evidence[index_].details));
    return static_cast<Derived&>(*this);
  }
  static date day(std::string_view text) { return date_from_string(text); }

private:
  static compliance::scope& scope(evidence& e) {
    if (!e.scope) e.scope.emplace();
    return *e.scope;
  }
  registry_data* data_;
  std::size_t vendor_;
  std::size_t index_;
};

} // namespace detail

/// Builds a `type: certificate` evidence (C1–C6).
class certificate_builder : public detail::evidence_builder<certificate_builder, certificate> {
public:
  using evidence_builder::evidence_builder;
  certificate_builder& number(std::string v) { return with([&](certificate& c) { c.number = std::move(v); }); }
  certificate_builder& issuer(std::string v) { return with([&](certificate& c) { c.issuer = std::move(v); }); }
  certificate_builder& accreditation(std::string v) { return with([&](certificate& c) { c.accreditation = std::move(v); }); }
  certificate_builder& first_certified(std::string_view d) { return with([&](certificate& c) { c.first_certified = day(d); }); }
  certificate_builder& issued(std::string_view d) { return with([&](certificate& c) { c.issued = day(d); }); }
  certificate_builder& expires(std::string_view d) { return with([&](certificate& c) { c.expires = day(d); }); }
  /// C5: tracks the surveillance cycle even before any audit is recorded (`audits: []`).
  certificate_builder& track_audits() { return with([&](certificate& c) { if (!c.audits) c.audits.emplace(); }); }
  /// C5: records an audit (and so tracks the cycle).
  certificate_builder& audit(audit_kind kind, std::string_view d, audit_outcome outcome = audit_outcome::passed) {
    return with([&](certificate& c) {
      if (!c.audits) c.audits.emplace();
      c.audits->push_back(compliance::audit{kind, day(d), outcome});
    });
  }
  /// C2: suspended from `from` through `to` (open when empty).
  certificate_builder& suspended(std::string_view from, std::string_view to = {}) {
    return with([&](certificate& c) {
      status_event s{status_state::suspended, day(from), std::nullopt};
      if (!to.empty()) s.to = day(to);
      c.status.push_back(s);
    });
  }
  /// C2: reinstated on `from`.
  certificate_builder& reinstated(std::string_view from) {
    return with([&](certificate& c) { c.status.push_back({status_state::reinstated, day(from), std::nullopt}); });
  }
  /// C3: withdrawn from `from`.
  certificate_builder& withdrawn(std::string_view from) {
    return with([&](certificate& c) { c.status.push_back({status_state::withdrawn, day(from), std::nullopt}); });
  }
};

/// Builds a `type: report` evidence (C7–C11). A new report is type 2 until type1() is called.
class report_builder : public detail::evidence_builder<report_builder, report> {
public:
  using evidence_builder::evidence_builder;
  /// Type 2 over `[from, to]`.
  report_builder& period(std::string_view from, std::string_view to) {
    return with([&](report& r) {
      r.kind = report_type::type2;
      r.period_from = day(from);
      r.period_to = day(to);
    });
  }
  /// Type 1 as of `d`.
  report_builder& type1(std::string_view d) {
    return with([&](report& r) {
      r.kind = report_type::type1;
      r.as_of = day(d);
    });
  }
  report_builder& criteria(std::vector<std::string> v) { return with([&](report& r) { r.criteria = std::move(v); }); }
  report_builder& auditor(std::string v) { return with([&](report& r) { r.auditor = std::move(v); }); }
  report_builder& opinion(compliance::opinion o) { return with([&](report& r) { r.auditor_opinion = o; }); }
  report_builder& issued(std::string_view d) { return with([&](report& r) { r.issued = day(d); }); }
  /// C7: a bridge letter through `through` (issued on `issued`, when given).
  report_builder& bridge_letter(std::string_view through, std::string_view issued = {}) {
    return with([&](report& r) {
      r.bridge_letters.push_back({issued.empty() ? std::nullopt : std::optional<date>(day(issued)), day(through)});
    });
  }
  report_builder& subservice(std::string vendor, std::optional<reliance_method> m = std::nullopt) {
    return with([&](report& r) { r.subservices.push_back({vendor_id(std::move(vendor)), m}); });
  }
};

/// Builds a `type: self-assessment` evidence (C12).
class self_assessment_builder : public detail::evidence_builder<self_assessment_builder, self_assessment> {
public:
  using evidence_builder::evidence_builder;
  self_assessment_builder& variant(std::string v) { return with([&](self_assessment& s) { s.variant = std::move(v); }); }
  self_assessment_builder& completed(std::string_view d) { return with([&](self_assessment& s) { s.completed = day(d); }); }
  self_assessment_builder& valid_until(std::string_view d) { return with([&](self_assessment& s) { s.valid_until = day(d); }); }
  self_assessment_builder& assessor(std::string v) { return with([&](self_assessment& s) { s.assessor = std::move(v); }); }
};

/// Builds a `type: listing` evidence (C13).
class listing_builder : public detail::evidence_builder<listing_builder, listing> {
public:
  using evidence_builder::evidence_builder;
  listing_builder& programs(std::vector<std::string> v) { return with([&](listing& l) { l.programs = std::move(v); }); }
  listing_builder& listed(std::string_view d) { return with([&](listing& l) { l.listed = day(d); }); }
  listing_builder& next_due(std::string_view d) { return with([&](listing& l) { l.next_due = day(d); }); }
  /// Status, optionally since a date.
  listing_builder& status(listing_status s, std::string_view since = {}) {
    return with([&](listing& l) {
      l.status = s;
      if (!since.empty()) l.status_since = day(since);
    });
  }
};

/// Builds a `type: attestation` evidence (C14).
class attestation_builder : public detail::evidence_builder<attestation_builder, attestation> {
public:
  using evidence_builder::evidence_builder;
  attestation_builder& since(std::string_view d) { return with([&](attestation& a) { a.since = day(d); }); }
  attestation_builder& until(std::string_view d) { return with([&](attestation& a) { a.until = day(d); }); }
  attestation_builder& requires_agreement(agreement_kind k) { return with([&](attestation& a) { a.requires_agreement = k; }); }
};

/// Adds to one vendor of a registry_builder.
class vendor_builder {
public:
  vendor_builder(registry_data& data, std::size_t index) : data_(&data), index_(index) {}

  vendor_builder& name(std::string v) { get().name = std::move(v); return *this; }
  vendor_builder& alias(std::string v) { get().aliases.push_back(std::move(v)); return *this; }
  /// Free-text notes about the vendor.
  vendor_builder& notes(std::string v) { get().notes = std::move(v); return *this; }
  /// C16: this vendor relies on `other` (for `services` only, when given).
  vendor_builder& relies_on(std::string other, std::vector<std::string> services = {},
                            std::optional<reliance_method> method = std::nullopt) {
    reliance r{vendor_id(std::move(other)), method, std::nullopt};
    if (!services.empty()) r.services = std::move(services);
    get().relies_on.push_back(std::move(r));
    return *this;
  }
  /// C14: an agreement between us and this vendor, `[signed_on, ends]` (open when ends is empty).
  vendor_builder& agreement(agreement_kind kind, std::string_view signed_on, std::string_view ends = {}) {
    compliance::agreement a{kind, date_from_string(signed_on), std::nullopt};
    if (!ends.empty()) a.ends = date_from_string(ends);
    get().agreements.push_back(a);
    return *this;
  }

  certificate_builder certificate(std::string framework) { return add<certificate_builder, compliance::certificate>(std::move(framework)); }
  report_builder report(std::string framework) { return add<report_builder, compliance::report>(std::move(framework)); }
  self_assessment_builder self_assessment(std::string framework) {
    return add<self_assessment_builder, compliance::self_assessment>(std::move(framework));
  }
  listing_builder listing(std::string framework) { return add<listing_builder, compliance::listing>(std::move(framework)); }
  attestation_builder attestation(std::string framework) {
    return add<attestation_builder, compliance::attestation>(std::move(framework));
  }

  compliance::vendor& get() { return data_->vendors[index_]; }

private:
  template <class Builder, class Details>
  Builder add(std::string framework) {
    auto& v = get();
    evidence e;
    e.id = evidence_id(v.id.str() + "-" + framework + "-" + std::to_string(v.evidence.size() + 1));
    e.framework = framework_id(std::move(framework));
    e.details = Details{};
    v.evidence.push_back(std::move(e));
    return Builder(*data_, index_, v.evidence.size() - 1);
  }
  registry_data* data_;
  std::size_t index_;
};

/// Builds a registry_data step by step, then a registry.
class registry_builder {
public:
  /// The vendor `id`, created on first use.
  vendor_builder vendor(const std::string& id) {
    for (std::size_t i = 0; i < data_.vendors.size(); ++i)
      if (data_.vendors[i].id.str() == id) return vendor_builder(data_, i);
    compliance::vendor v;
    v.id = vendor_id(id);
    data_.vendors.push_back(std::move(v));
    return vendor_builder(data_, data_.vendors.size() - 1);
  }
  /// Document-level policy overrides.
  policy_overrides& policy() { return data_.policy; }
  /// Adds or overrides a catalog row.
  registry_builder& framework(framework_info row) {
    data_.frameworks.push_back(std::move(row));
    return *this;
  }
  /// The data built so far (to adjust anything the setters do not reach).
  registry_data& data() { return data_; }

  /// Validates and builds; never throws (but for std::bad_alloc).
  boost::system::result<registry, diagnostics> try_build() const { return registry::build(data_); }
  /// Validates and builds; throws document_error listing every problem.
  registry build() const { return try_build().value(); }

private:
  registry_data data_;
};

} // namespace compliance

#endif
