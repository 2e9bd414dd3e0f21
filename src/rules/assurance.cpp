// Assurance (C17): a query may ask for evidence of at least some assurance (certificate >
// report > self-assessment > listing > attestation).
#include "rules/evaluator.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

bool evidence_evaluator::assurance_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // C17: minimum assurance.
  if (ctx_.opts.minimum_assurance && assurance_of(e_->type()) < *ctx_.opts.minimum_assurance) {
    reject(finding_code::assurance_insufficient,
           full ? cat({eid, " is ", to_string(e_->type()), " evidence (", to_string(assurance_of(e_->type())),
                       "), weaker than the required ", to_string(*ctx_.opts.minimum_assurance), "."})
                : "");
    return false;
  }
  return true;
}

} // namespace compliance::detail
