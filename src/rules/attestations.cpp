// Attestations and agreements (C14): an attestation covers from its date, and only while the
// agreement it needs (a BAA for HIPAA, say) is in force with the vendor asked about.
#include "rules/evaluator.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

namespace {

const char* agreement_name(agreement_kind k) {
  switch (k) {
  case agreement_kind::baa: return "Business Associate Agreement (BAA)";
  case agreement_kind::dpa: return "data processing agreement (DPA)";
  case agreement_kind::nda: return "non-disclosure agreement (NDA)";
  }
  return "agreement";
}

} // namespace

void evidence_evaluator::dates(const attestation& a) {
  out_->base = span(a.since, a.until ? *a.until : max_date());
  if (!ctx_.pol.require_agreements) return;
  const std::optional<agreement_kind> kind = a.requires_agreement ? a.requires_agreement : row_->requires_agreement;
  if (!kind) return;
  interval_set signed_;
  for (const auto& ag : ctx_.vendor(queried_).agreements) // C14: ours with the vendor queried
    if (ag.kind == *kind) signed_.add({ag.signed_on, ag.ends ? *ag.ends : max_date()});
  const std::string vendor = ctx_.vendor(queried_).id.str();
  cut(signed_.complement(), finding_code::agreement_missing, [&, kind, vendor] {
    return cat({e_->id.str(), " counts only while a ", agreement_name(*kind), " with ", vendor,
                " is in force, and none is recorded for ", ctx_.on, "."});
  });
}

} // namespace compliance::detail
