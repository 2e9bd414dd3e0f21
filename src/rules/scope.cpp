// Scope (C15): evidence limited to some services, regions or plans covers a query that names one
// of them; a query that names none is told what the evidence is limited to. The services every
// relies_on link allows narrow the evidence's own (C16).
#include "rules/evaluator.hpp"

#include "rules/thresholds.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace compliance::detail {

using boost::gregorian::days;

bool evidence_evaluator::in_scope(const via& path) {
  return each_axis(path, [&](const axis& ax) {
    if (!ax.wanted || contains_ci(ax.allowed, *ax.wanted)) return true;
    if (ctx_.level != detail_level::full) reject(finding_code::out_of_scope, "");
    else if (ax.allowed.empty()) // limited to none
      reject(finding_code::out_of_scope, cat({e_->id.str(), " covers no ", ax.name, "s, not ", *ax.wanted, "."}));
    else
      reject(finding_code::out_of_scope,
             cat({e_->id.str(), " covers only the ", ax.name, "s ", join(ax.allowed), ", not ", *ax.wanted, "."}));
    return false;
  });
}

/// C15: the axes the query does not name, which the evidence limits.
void evidence_evaluator::scoped(const via& path) {
  std::string limits;
  each_axis(path, [&](const axis& ax) {
    if (ax.wanted) return true;
    limits.append(limits.empty() ? "" : "; ");
    if (ax.allowed.empty()) limits.append("no ").append(ax.name).append("s"); // limited to none
    else limits.append(join(ax.allowed));
    return true;
  });
  if (!limits.empty())
    remark(finding_code::scoped, severity::warning, [&] {
      return cat({e_->id.str(), " covers only: ", limits,
                  ". Name the service, region or plan in the query to confirm yours is included."});
    });
}

} // namespace compliance::detail
