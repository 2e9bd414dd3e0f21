// W3 over a customer's window (registry::window): the covered runs and gaps from the engine's
// interval sets (coverage), and the periods that explain them from the verdict of each day.
#include "compliance/registry.hpp"

namespace compliance {

namespace {

/// Whether two findings give the same reason: code, severity, evidence and whether it decided
/// (not the sentence, which may name the day asked about).
bool same_reason(const finding& a, const finding& b) noexcept {
  return a.code == b.code && a.severity == b.severity && a.evidence == b.evidence && a.decisive == b.decisive;
}

/// Whether the verdict `v` continues `p`: the same answer for the same reasons.
bool continues(const window_period& p, const verdict& v) {
  if (p.status != v.status || p.satisfied_by != v.satisfied_by || p.findings.size() != v.findings.size()) return false;
  for (std::size_t k = 0; k < p.findings.size(); ++k)
    if (!same_reason(p.findings[k], v.findings[k])) return false;
  return true;
}

} // namespace

window_result registry::window(std::string_view vendor_name, const requirement& req, interval range,
                               const query_options& options) const {
  window_result out;
  out.range = range;
  const coverage_result cov = coverage(vendor_name, req, range, options);
  out.vendor = cov.vendor;
  if (!out.vendor || range.first.is_special() || range.last.is_special() || range.last < range.first) return out;
  out.covered = cov.covered;
  out.gaps = cov.gaps;
  const std::string& name = out.vendor->str(); // found once: each day's check finds it by its id
  bool warnings = false;
  for (date day = range.first;; day += boost::gregorian::days(1)) {
    verdict v = check(name, req, day, options);
    warnings = warnings || v.status == coverage_status::covered_with_warnings;
    if (!out.periods.empty() && continues(out.periods.back(), v)) {
      out.periods.back().days.last = day;
    } else {
      out.periods.push_back({interval{day, day}, v.status, std::move(v.satisfied_by), std::move(v.findings)});
    }
    if (day == range.last) break;
  }
  out.status = !out.gaps.empty() ? coverage_status::not_covered
               : warnings        ? coverage_status::covered_with_warnings
                                 : coverage_status::covered;
  return out;
}

window_matrix_result registry::matrix(const std::vector<requirement>& reqs, interval range,
                                      const query_options& options) const {
  window_matrix_result m;
  m.range = range;
  for (const auto& r : reqs) m.requirements.push_back(to_string(r));
  m.vendors = vendor_ids();
  for (const auto& id : m.vendors) {
    auto& row = m.cells.emplace_back();
    for (const auto& r : reqs) {
      const window_result w = window(id.str(), r, range, options);
      window_cell cell;
      cell.status = w.status;
      cell.gap_days = w.gap_days();
      if (!w.gaps.empty()) cell.first_gap = w.gaps.runs().front();
      row.push_back(cell);
    }
  }
  return m;
}

} // namespace compliance
