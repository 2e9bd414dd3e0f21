// W1 at scale: the dates on which a vendor's renewal worklist can change, so that the worklist
// of a window evaluates only the vendors with something ending or falling due in it. Filled by
// the query index while it runs the rules on each vendor at load (fast_index::coverage_of), from
// the rules' own outputs: each covered run's last day, and each surveillance due date of a
// certificate's cycle (compliance/surveillance.hpp).
#ifndef COMPLIANCE_SRC_INDEX_RENEWAL_INDEX_HPP
#define COMPLIANCE_SRC_INDEX_RENEWAL_INDEX_HPP

#include "compliance/date.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace compliance::detail {

class renewal_index {
public:
  /// Vendor `v` has a covered run ending on `last` (not open-ended).
  void run_ends(std::uint32_t v, date last);
  /// Vendor `v` holds a certificate with an interim audit due on `due`, on time through `grace_until`.
  void audit_due(std::uint32_t v, date due, date grace_until);
  /// Lays out what was added; before candidates().
  void finish();
  /// Forgets everything (a registry whose index is rebuilt).
  void clear() noexcept;

  /// The vendors whose worklist on `on`, up to `horizon`, can list something: a run ending in
  /// [on, horizon], or an audit due by `horizon` whose grace has not ended before `on`.
  /// Ascending, each once. A superset of the vendors the scan would list.
  std::vector<std::uint32_t> candidates(date on, date horizon) const;

  /// Bytes held (capacities).
  std::size_t bytes() const noexcept;

private:
  /// While building: (day number, vendor) of each run end and each due date.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> added_;
  /// Laid out by finish(): each distinct day, ascending; the vendors with something on
  /// days_[k] are vendors_[first_[k]] up to vendors_[first_[k + 1]], each once.
  std::vector<std::uint32_t> days_;
  std::vector<std::uint32_t> first_;
  std::vector<std::uint32_t> vendors_;
  /// The most days between a due date and its grace limit: a due date that many days before a
  /// window can still be in its grace within it.
  std::uint32_t longest_grace_ = 0;
};

} // namespace compliance::detail

#endif
