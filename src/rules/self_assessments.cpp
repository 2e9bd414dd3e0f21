// Self-assessments (C12): valid for the catalog's months from completion (or until valid_until);
// merchant-only SAQs answer only their explicit variant.
#include "rules/evaluator.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

void evidence_evaluator::dates(const self_assessment& s) {
  date last = max_date();
  if (s.valid_until) last = *s.valid_until;
  else if (row_->validity_months) last = add_months(s.completed, *row_->validity_months) - days(1);
  out_->base = span(s.completed, last);
}

bool evidence_evaluator::variant_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // C12: variants; merchant-only SAQs satisfy only their explicit variant.
  if (const auto* s = std::get_if<self_assessment>(&e_->details)) {
    if (atom_.variant) {
      if (s->variant != atom_.variant) {
        reject(finding_code::variant_mismatch,
               full ? cat({eid, " is ", s->variant ? piece(*s->variant) : piece("of no stated variant"), ", not the required ",
                           *atom_.variant, "."})
                    : "");
        return false;
      }
    } else if (s->variant && row_->is_merchant_only(*s->variant)) {
      reject(finding_code::merchant_only,
             full ? cat({eid, " is a merchant self-assessment (", *s->variant,
                         "): it describes how the vendor takes card payments, not how it handles yours; only an explicit ",
                         e_->framework.str(), ":", *s->variant, " requirement accepts it."})
                  : "");
      return false;
    }
  } else if (atom_.variant) {
    reject(finding_code::variant_mismatch, full ? cat({eid, " is not a self-assessment of variant ", *atom_.variant, "."}) : "");
    return false;
  }
  return true;
}

} // namespace compliance::detail
