// Surveillance cycles (compliance/surveillance.hpp): a certificate's interim due dates under its
// framework's cycle, and the audit that met each.
#include "compliance/surveillance.hpp"

#include "model/counted_audits.hpp"

#include <algorithm>

namespace compliance {

std::vector<surveillance_due> surveillance_schedule(const certificate& c, const surveillance_cycle& cycle,
                                                    const policy& pol, date on) {
  std::vector<surveillance_due> out;
  if (!c.audits || pol.surveillance == surveillance_policy::ignore) return out;
  const detail::counted_audits counted(c);
  const std::size_t count = counted.size();
  std::size_t next = 0; // the first audit no due date has taken
  for (std::size_t k = 0; k < cycle.interim_due_months.size(); ++k) {
    surveillance_due d;
    d.number = static_cast<int>(k + 1);
    d.due = add_months(c.issued, cycle.interim_due_months[k]); // from the anchor, never from the last due date
    if (!(d.due < c.expires)) break;
    d.grace_until = add_days(d.due, pol.surveillance_grace_days);
    if (cycle.window_days > 0) {
      d.window_from = add_days(d.due, -cycle.window_days);
      while (next < count && counted[next].on < *d.window_from) ++next;
    }
    if (next < count) {
      d.met_by = counted[next++];
      d.on_time = d.met_by->on <= d.grace_until;
    }
    const bool happened = d.met_by && d.met_by->on <= on;
    if (happened) d.state = d.on_time ? surveillance_state::met : surveillance_state::made_up;
    else if (on < d.due) d.state = surveillance_state::upcoming;
    else if (on <= d.grace_until) d.state = surveillance_state::due;
    else d.state = surveillance_state::overdue;
    out.push_back(std::move(d));
  }
  return out;
}

} // namespace compliance
