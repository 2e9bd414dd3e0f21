// Reports (C7–C11): a type 2 covers its period and a grace after it, extended by bridge letters
// (C7); a type 1 its date and the grace, never a type 2 requirement (C8); opinions (C9); trust
// services criteria (C10); the reports that satisfy another framework (C11).
#include "rules/evaluator.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

/// A report of a type the equivalence does not accept (a SOC 2 type 1 asked for as soc3) still
/// speaks to the atom: it is rejected as type-insufficient (C8), not passed over as no evidence.
bool counts_as_equivalent(const equivalence& eq, const report* r) noexcept {
  return !eq.type2_only || (r && r->kind == report_type::type2);
}

bool evidence_evaluator::matches_framework() {
  equivalence_ = nullptr;
  type_short_ = false;
  if (e_->framework == atom_.framework) return true;
  const auto* r = std::get_if<report>(&e_->details);
  for (const auto& eq : row_->satisfies) {
    if (eq.target != atom_.framework) continue;
    if (eq.type2_only && !r) continue;
    equivalence_ = &eq;
    type_short_ = !counts_as_equivalent(eq, r);
    return true;
  }
  return false;
}

void evidence_evaluator::dates(const report& r) {
  const std::string& id = e_->id.str();
  const int grace = ctx_.pol.report_grace_months;
  if (r.kind == report_type::type2) {
    const date to = *r.period_to;
    out_->base = span(*r.period_from, to);
    if (grace > 0) {
      const date current = add_months(to, grace);
      out_->base.add({to + days(1), current});
      note(span(to + days(1), current), finding_code::report_grace, severity::info, [&, to, current] {
        return cat({"The report period of ", id, " ended on ", to, " (", days_between(to, ctx_.on), " days before ", ctx_.on,
                    "); it counts as current through ", current, "."});
      });
    }
    for (const auto& b : r.bridge_letters) {
      const date reach = std::min(b.through, add_months(to, ctx_.pol.bridge_max_months));
      if (reach <= to) continue;
      out_->base.add({to + days(1), reach});
      note(span(to + days(1), reach), finding_code::bridged, severity::info, [&, reach] {
        return cat({"A bridge letter extends ", id, " from ", to + days(1), " through ", reach,
                    ": a management assertion, with no auditor assurance."});
      });
    }
  } else {
    const date as_of = *r.as_of;
    const date current = add_months(as_of, grace);
    out_->base = span(as_of, current);
    note(span(as_of + days(1), current), finding_code::report_grace, severity::info, [&, as_of, current] {
      return cat({"The type 1 report ", id, " describes controls as of ", as_of, "; it counts as current through ", current, "."});
    });
  }
}

bool evidence_evaluator::type_short_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // C8 through C11: an equivalence that only a type 2 report satisfies.
  if (type_short_) {
    reject(finding_code::type_insufficient,
           full ? cat({eid, " is a type 1 report (controls as of one date); ", atom_.framework.str(),
                       " is satisfied only by a type 2 report of ", e_->framework.str(), "."})
                : "");
    return false;
  }
  return true;
}

bool evidence_evaluator::type_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // C8: type 1 never satisfies :type2; type 2 satisfies :type1.
  if (atom_.type) {
    const auto* r = std::get_if<report>(&e_->details);
    if (!r || (*atom_.type == report_type::type2 && r->kind != report_type::type2)) {
      reject(finding_code::type_insufficient,
             full ? cat({eid, r ? " is a type 1 report (controls as of one date)" : " is not a report",
                         "; the requirement asks for a ", to_string(*atom_.type), " report."})
                  : "");
      return false;
    }
  }
  return true;
}

bool evidence_evaluator::criteria_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // C10: criteria; security is implied.
  if (!atom_.criteria.empty()) {
    const auto* r = std::get_if<report>(&e_->details);
    std::vector<std::string> missing;
    for (const auto& c : atom_.criteria) {
      const bool implied = std::find(row_->implied_criteria.begin(), row_->implied_criteria.end(), c) !=
                           row_->implied_criteria.end();
      const bool listed = r && r->criteria && contains_ci(*r->criteria, c);
      if (!implied && !listed) missing.push_back(c);
    }
    if (!missing.empty()) {
      std::string has = "security";
      if (r && r->criteria && !r->criteria->empty()) has = join(*r->criteria);
      reject(finding_code::criteria_missing,
             full ? cat({eid, " covers ", has, " only; ", join(missing),
                         missing.size() > 1 ? " are not in its scope." : " is not in its scope."})
                  : "");
      return false;
    }
  }
  return true;
}

bool evidence_evaluator::opinion_ok() {
  [[maybe_unused]] const bool full = ctx_.level == detail_level::full;
  [[maybe_unused]] const std::string& eid = e_->id.str();
  // C9: adverse and disclaimer opinions cover nothing.
  if (const auto* r = std::get_if<report>(&e_->details); r && r->auditor_opinion) {
    if (*r->auditor_opinion == opinion::adverse || *r->auditor_opinion == opinion::disclaimer) {
      const bool adverse = *r->auditor_opinion == opinion::adverse;
      reject(adverse ? finding_code::opinion_adverse : finding_code::opinion_disclaimer,
             full ? cat({eid, adverse ? " carries an adverse opinion" : " carries a disclaimer of opinion",
                         ": the auditor does not vouch for the controls."})
                  : "");
      return false;
    }
  }
  return true;
}

void evidence_evaluator::equivalence_remark() {
  if (const auto* eq = equivalence_)
    remark(finding_code::equivalent, severity::info, [&] {
      return cat({"The ", e_->framework.str(), " report ", e_->id.str(), " satisfies ", atom_.framework.str(),
                  eq->type2_only ? " (a SOC 3 is the general-use summary of a SOC 2 type 2 examination)." : " as its equivalent."});
    });
}

void evidence_evaluator::report_remarks() {
  const auto* r = std::get_if<report>(&e_->details);
  if (!r) return;
  const std::string& id = e_->id.str();
  if (period_is_short(*r))
    remark(finding_code::short_period, severity::warning, [&] {
      return cat({"The type 2 period of ", id, " (", *r->period_from, " to ", *r->period_to, ") is shorter than 6 months."});
    });
  if (!r->auditor_opinion)
    remark(finding_code::opinion_unknown, severity::info, [&] {
      return cat({"The auditor's opinion in ", id, " is not recorded; read the report to confirm it is unqualified."});
    });
  else if (*r->auditor_opinion == opinion::qualified)
    remark(finding_code::qualified_opinion, severity::warning, [&] {
      return cat({id, " carries a qualified opinion: read the exceptions before relying on it."});
    });
}

} // namespace compliance::detail
