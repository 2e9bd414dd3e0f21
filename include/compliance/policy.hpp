#ifndef COMPLIANCE_POLICY_HPP
#define COMPLIANCE_POLICY_HPP

/// \file
/// The relying party's policy: the knobs coverage-rules.md leaves to the reader, with its
/// defaults, and document- or query-level overrides of them.

#include "compliance/detail/fields.hpp"
#include "compliance/detail/enum_table.hpp"

#include <optional>

namespace compliance {

/// What a missed surveillance audit does (C5).
enum class surveillance_policy {
  warn,   ///< still covered, warning `surveillance-overdue` (default)
  strict, ///< not covered from the day after due date + grace until the audit is made up
  ignore, ///< surveillance is not checked
};

/// The policy in force for a query. Defaults are those of coverage-rules.md.
struct policy {
  int report_grace_months = 12;                          ///< C7/C8: how long a report stays current
  int bridge_max_months = 3;                             ///< C7: longest reach of a bridge letter
  surveillance_policy surveillance = surveillance_policy::warn; ///< C5
  int surveillance_grace_days = 0;                       ///< C5: days allowed past a due date
  bool accept_inherited = false;                         ///< C16: count subservice evidence
  bool require_agreements = true;                        ///< C14: gate attestations on agreements
};
BOOST_DESCRIBE_STRUCT(policy, (), (report_grace_months, bridge_max_months, surveillance, surveillance_grace_days, accept_inherited, require_agreements))

/// Overrides of some policy fields; what a registry document's `policy` section or a query's
/// `--policy KEY=VALUE` says. Absent fields leave the underlying value alone.
struct policy_overrides {
  std::optional<int> report_grace_months;
  std::optional<int> bridge_max_months;
  std::optional<surveillance_policy> surveillance;
  std::optional<int> surveillance_grace_days;
  std::optional<bool> accept_inherited;
  std::optional<bool> require_agreements;

  /// `base` with these overrides applied.
  policy apply(policy base) const noexcept {
    if (report_grace_months) base.report_grace_months = *report_grace_months;
    if (bridge_max_months) base.bridge_max_months = *bridge_max_months;
    if (surveillance) base.surveillance = *surveillance;
    if (surveillance_grace_days) base.surveillance_grace_days = *surveillance_grace_days;
    if (accept_inherited) base.accept_inherited = *accept_inherited;
    if (require_agreements) base.require_agreements = *require_agreements;
    return base;
  }
  /// True when no field is overridden.
  bool empty() const noexcept;
};
BOOST_DESCRIBE_STRUCT(policy_overrides, (), (report_grace_months, bridge_max_months, surveillance, surveillance_grace_days, accept_inherited, require_agreements))

inline bool policy_overrides::empty() const noexcept {
  bool none = true;
  boost::mp11::mp_for_each<boost::describe::describe_members<policy_overrides, boost::describe::mod_public>>(
      [&](auto field) { none = none && !(this->*field.pointer); });
  return none;
}

} // namespace compliance

COMPLIANCE_ENUM_TABLE(compliance::surveillance_policy,
                      {compliance::surveillance_policy::warn, "warn"},
                      {compliance::surveillance_policy::strict, "strict"},
                      {compliance::surveillance_policy::ignore, "ignore"});

#endif
