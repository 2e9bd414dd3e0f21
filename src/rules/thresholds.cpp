// The thresholds the lint shares with the engine (thresholds.hpp).
#include "rules/thresholds.hpp"

namespace compliance::detail {

std::optional<date> suspension_end(const certificate& c, const status_event& s) {
  if (s.to) return s.to;
  std::optional<date> back;
  for (const auto& r : c.status)
    if (r.state == status_state::reinstated && r.from >= s.from && (!back || r.from < *back)) back = r.from;
  if (back) return add_days(*back, -1);
  return std::nullopt;
}

bool suspension_is_long(const status_event& s, const std::optional<date>& end) {
  return !end || *end >= add_months(s.from, long_suspension_months);
}

bool period_is_short(const report& r) {
  return r.kind == report_type::type2 && r.period_from && r.period_to &&
         *r.period_to < add_days(add_months(*r.period_from, short_period_months), -1);
}

} // namespace compliance::detail
