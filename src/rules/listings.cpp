// Listings (C13): from the later of the listing date and the program's start through the
// re-certification due date; inactive and removed listings; programs and the programs they need;
// an invalidated program.
#include "rules/evaluator.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

/// C13: why a listing whose status is not active stopped counting.
std::string inactive_sentence(const evidence& e, const listing& l) {
  return cat({"The listing ", e.id.str(), " is ", to_string(*l.status), l.status_since ? " since " : " (since an unrecorded date)",
              l.status_since ? piece(*l.status_since) : piece(""), "."});
}

/// C13: a listing removed or inactive no later than its last day (its cut runs past next_due).
bool stopped_before_due(const listing& l, date last) {
  return l.status && *l.status != listing_status::active && (!l.status_since || *l.status_since <= last);
}

std::vector<std::string> evidence_evaluator::required_programs() const {
  std::vector<std::string> out = atom_.programs;
  for (const auto& p : atom_.programs)
    if (const auto* row = row_->find_program(p))
      for (const auto& n : row->needs)
        if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  return out;
}

void evidence_evaluator::dates(const listing& l) {
  date start = l.listed;
  std::optional<date> program_start;
  if (!atom_.programs.empty()) {
    for (const auto& p : required_programs())
      if (const auto* row = row_->find_program(p); row && (!program_start || row->start > *program_start))
        program_start = row->start;
  } else {
    for (const auto& p : l.programs)
      if (const auto* row = row_->find_program(p); row && (!program_start || row->start < *program_start))
        program_start = row->start;
  }
  if (program_start && *program_start > start) start = *program_start;
  out_->base = span(start, l.next_due);
  if (l.status && *l.status != listing_status::active) {
    const date since = l.status_since ? *l.status_since : min_date();
    cut(from(since), finding_code::listing_inactive, [&] { return inactive_sentence(*e_, l); });
  }
  if (row_->last_day)
    cut(from(*row_->last_day + days(1)), finding_code::program_invalidated, [&] {
      return cat({e_->framework.str(), " was invalidated after ", *row_->last_day, "; no listing on it counts after that date."});
    });
}

bool evidence_evaluator::programs_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // C13: programs (with the programs they need).
  if (const auto* l = std::get_if<listing>(&e_->details)) {
    std::vector<std::string> missing;
    for (const auto& p : required_programs())
      if (std::find(l->programs.begin(), l->programs.end(), p) == l->programs.end()) missing.push_back(p);
    if (!missing.empty()) {
      reject(finding_code::program_missing,
             full ? cat({eid, " does not include the ", join(missing), missing.size() > 1 ? " programs." : " program."}) : "");
      return false;
    }
  } else if (!atom_.programs.empty()) {
    reject(finding_code::program_missing, full ? cat({eid, " is not a listing of the ", join(atom_.programs), " program."}) : "");
    return false;
  }
  return true;
}

} // namespace compliance::detail
