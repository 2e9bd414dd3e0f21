#ifndef COMPLIANCE_SURVEILLANCE_HPP
#define COMPLIANCE_SURVEILLANCE_HPP

/// \file
/// Surveillance cycles (C5): how long a certificate's cycle lasts and when its interim audits
/// fall due, as the catalog states them per framework, and, for one certificate under a policy,
/// each due date, its grace limit, the audit that met it and where it stands on a given date.
///
/// An ISO/IEC 17021-1 certificate runs a three-year cycle: surveillance audits by months 12 and 24
/// after the issue date, then a recertification audit before expiry. A HITRUST r2 certificate
/// runs two years, with an interim assessment submitted in the 90 days before the first
/// anniversary of its issue date. The rules (C5), the renewal worklist (W1) and the timeline all
/// read the same schedule.

#include "compliance/detail/fields.hpp"
#include "compliance/date.hpp"
#include "compliance/detail/enum_table.hpp"
#include "compliance/evidence.hpp"
#include "compliance/policy.hpp"

#include <optional>
#include <vector>

namespace compliance {

/// A framework's certification cycle: its length and when its interim audits fall due.
struct surveillance_cycle {
  int months = 36;                       ///< length of one cycle, issue to recertification
  std::vector<int> interim_due_months = {12, 24}; ///< each interim audit falls due this many months after issue (increasing, below `months`)
  int window_days = 0;                   ///< above 0: an audit counts for a due date only within this many days before it

  /// ISO/IEC 17021-1: 36 months, surveillance audits by months 12 and 24.
  static surveillance_cycle iso17021() { return {}; }
  /// HITRUST r2: 24 months, an interim assessment in the 90 days before the first anniversary.
  static surveillance_cycle hitrust_r2() { return {24, {12}, 90}; }
};
BOOST_DESCRIBE_STRUCT(surveillance_cycle, (), (months, interim_due_months, window_days))

/// Where one interim audit stands on a given date.
enum class surveillance_state {
  upcoming, ///< before its due date, and no audit for it recorded by the date asked about
  due,      ///< on or after its due date, within the grace, no audit for it yet
  met,      ///< an audit on or before the grace limit met it (and has happened by the date)
  overdue,  ///< past the grace limit, no audit for it yet
  made_up,  ///< past the grace limit, met by a late audit (which has happened by the date)
};

/// One interim audit of a certificate's cycle.
struct surveillance_due {
  int number = 1;                   ///< 1 for the first interim audit of the cycle, 2 for the second…
  date due;                         ///< issue date + the cycle's interim_due_months[number - 1] months
  date grace_until;                 ///< `due` + the policy's surveillance_grace_days: the last day an audit is on time
  std::optional<date> window_from;  ///< with a window (HITRUST), the first day an audit counts for it
  std::optional<audit> met_by;      ///< the audit that met it, on time or late (none: none recorded)
  bool on_time = false;             ///< met_by is on or before grace_until
  surveillance_state state = surveillance_state::upcoming; ///< on the date asked about
};

/// Whether audit `a` of certificate `c` counts for its surveillance (C5): a surveillance or special
/// audit after the issue date that did not fail.
inline bool counts_for_surveillance(const certificate& c, const audit& a) noexcept {
  return (a.kind == audit_kind::surveillance || a.kind == audit_kind::special) && a.outcome != audit_outcome::failed &&
         a.on > c.issued;
}

/// The interim audits `c` owes under `cycle` and `pol`, in order, each with the audit that met it
/// and its state on `on`. Only due dates before the certificate's expiry are owed. The audits
/// that count (counts_for_surveillance) each meet the earliest due date still open whose window it falls in (a late audit makes up for the
/// missed date before any later one). Empty when the policy ignores surveillance, or when the
/// certificate records no audits at all (`audits` absent: surveillance is not tracked, C5).
std::vector<surveillance_due> surveillance_schedule(const certificate& c, const surveillance_cycle& cycle,
                                                    const policy& pol, date on);

} // namespace compliance

COMPLIANCE_ENUM_TABLE(compliance::surveillance_state, {compliance::surveillance_state::upcoming, "upcoming"},
                      {compliance::surveillance_state::due, "due"}, {compliance::surveillance_state::met, "met"},
                      {compliance::surveillance_state::overdue, "overdue"},
                      {compliance::surveillance_state::made_up, "made-up"});

#endif
