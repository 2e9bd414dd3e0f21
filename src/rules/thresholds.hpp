// The thresholds and readings of the rules that the lint shares with the engine: one place each,
// so that a warning on load and a finding on a query cannot disagree.
#ifndef COMPLIANCE_SRC_RULES_THRESHOLDS_HPP
#define COMPLIANCE_SRC_RULES_THRESHOLDS_HPP

#include "compliance/evidence.hpp"

#include <optional>

namespace compliance::detail {

/// C2: a suspension this long or longer (in months) usually ends in withdrawal.
inline constexpr int long_suspension_months = 6;
/// C8: a type 2 period shorter than this (in months) gives little evidence of operation.
inline constexpr int short_period_months = 6;

/// C2: the last suspended day of suspension `s` of `c`: its own end, else the day before the first
/// reinstatement on or after its start; nothing while it has not ended.
std::optional<date> suspension_end(const certificate& c, const status_event& s);
/// C2: whether suspension `s`, ending on `end` (nothing: not ended), lasts long_suspension_months or more.
bool suspension_is_long(const status_event& s, const std::optional<date>& end);
/// C8: whether `r` is a type 2 report whose period is shorter than short_period_months.
bool period_is_short(const report& r);

} // namespace compliance::detail

#endif
