#ifndef COMPLIANCE_VERDICT_HPP
#define COMPLIANCE_VERDICT_HPP

/// \file
/// Answers: verdicts with their findings (G4), and the results of the worklist (W1), matrix
/// (W2) and coverage (W3) queries.

#include "compliance/date.hpp"
#include "compliance/detail/enum_table.hpp"
#include "compliance/id.hpp"
#include "compliance/interval.hpp"

#include <optional>
#include <string>
#include <vector>

namespace compliance {

/// How much a finding matters.
enum class severity {
  info,     ///< context; the answer stands
  warning,  ///< covered, but look at this
  blocking, ///< this is why it is not covered
};

/// What a finding is about; each code is named by the rule that raises it.
enum class finding_code {
  unknown_vendor,            ///< G2
  no_evidence,               ///< no evidence of the framework at all
  not_yet_valid,             ///< evidence starts after the date
  expired,                   ///< evidence ended before the date
  earlier_cycle_unrecorded,  ///< C1
  suspended,                 ///< C2
  suspension_exceeds_6_months, ///< C2
  withdrawn,                 ///< C3
  edition_withdrawn,         ///< C4
  edition_mismatch,          ///< Q1: another edition than the one required
  surveillance_overdue,      ///< C5
  major_nonconformity,       ///< C5
  requires_missing,          ///< C6
  report_grace,              ///< C7
  bridged,                   ///< C7
  type_insufficient,         ///< C8
  short_period,              ///< C8
  qualified_opinion,         ///< C9
  opinion_adverse,           ///< C9
  opinion_disclaimer,        ///< C9
  opinion_unknown,           ///< C9
  criteria_missing,          ///< C10
  equivalent,                ///< C11
  merchant_only,             ///< C12
  variant_mismatch,          ///< C12: another variant than the one required
  program_missing,           ///< C13: the listing lacks a required program
  listing_inactive,          ///< C13
  recertification_overdue,   ///< C13
  program_invalidated,       ///< C13
  agreement_missing,         ///< C14
  out_of_scope,              ///< C15
  scoped,                    ///< C15
  inherited,                 ///< C16
  assurance_insufficient,    ///< C17
};

/// One reason in a verdict.
struct finding {
  finding_code code = finding_code::no_evidence;
  compliance::severity severity = severity::info;
  std::optional<evidence_id> evidence; ///< the evidence it is about, if any
  std::string message;                 ///< a whole English sentence with the dates in it
  bool decisive = false;               ///< Q2: raised by a branch that decided the answer
};

/// The three answers.
enum class coverage_status { covered, covered_with_warnings, not_covered };

/// The answer to "is vendor X covered for Y on date Z?" (G4).
struct verdict {
  coverage_status status = coverage_status::not_covered; ///< the answer; covered() reads it
  /// Whether the vendor is covered on the date (with or without warnings).
  bool covered() const noexcept { return status != coverage_status::not_covered; }
  std::optional<vendor_id> vendor;            ///< the resolved vendor (absent for unknown-vendor)
  date on;                                    ///< the date asked about
  std::vector<evidence_id> satisfied_by;      ///< evidence covering the date
  std::vector<finding> findings;
  /// Covered: first and last day of the continuous run containing the date (`covered_until`
  /// absent when open-ended). Not covered: the last run before the date, if any.
  std::optional<date> covered_since;
  std::optional<date> covered_until;
  std::optional<date> next_covered_from;      ///< not covered: start of a later known window
  std::vector<std::string> suggestions;       ///< unknown-vendor: up to three closest ids (G2)

  /// True when a finding with this code is present.
  bool has(finding_code c) const noexcept {
    for (const auto& f : findings)
      if (f.code == c) return true;
    return false;
  }
  /// The first finding with this code, or nullptr.
  const finding* find(finding_code c) const noexcept {
    for (const auto& f : findings)
      if (f.code == c) return &f;
    return nullptr;
  }
};

/// A multi-line plain-text account of a verdict: status, run, evidence, every finding.
std::string to_string(const verdict& v);

/// W3: the covered runs and the gaps of one vendor for one requirement within a range.
struct coverage_result {
  std::optional<vendor_id> vendor;
  interval range;
  interval_set covered;
  interval_set gaps;
};

/// W3 over a customer's window: a stretch of days over which the answer and its reasons stay the
/// same — the status, the evidence covering, and the findings (their codes, severities, evidence
/// and whether they decided).
struct window_period {
  interval days;
  coverage_status status = coverage_status::not_covered;
  std::vector<evidence_id> satisfied_by; ///< evidence covering these days (none in a gap)
  std::vector<finding> findings;         ///< as check() gives them on the first of these days
};

/// W3 over a customer's window (`compliance check --from A --to B`): covered throughout or not,
/// the covered runs and the gaps, and the periods that explain them, day by day.
struct window_result {
  std::optional<vendor_id> vendor; ///< absent when the vendor is unknown (then nothing else is filled)
  interval range;
  /// not_covered when some day of the range is not covered; covered_with_warnings when every
  /// day is but some with a warning; covered otherwise.
  coverage_status status = coverage_status::not_covered;
  interval_set covered;               ///< the covered days of the range (as coverage() gives them)
  interval_set gaps;                  ///< the other days of the range
  std::vector<window_period> periods; ///< in order, one after another, together the whole range
  /// Whether every day of the range is covered (with or without warnings).
  bool covered_throughout() const noexcept { return status != coverage_status::not_covered; }
  /// How many days of the range are not covered.
  long gap_days() const noexcept {
    long n = 0;
    for (const auto& g : gaps.runs()) n += g.days();
    return n;
  }
};

/// One cell of a matrix over a window: a window_result in short.
struct window_cell {
  coverage_status status = coverage_status::not_covered; ///< as window_result::status
  long gap_days = 0;                                     ///< days of the window not covered
  std::optional<interval> first_gap;                     ///< the first of them, as a run
};

/// W2 over a window: vendors × requirements, each cell covered throughout the range or not.
struct window_matrix_result {
  interval range;
  std::vector<vendor_id> vendors;
  std::vector<std::string> requirements;        ///< canonical text of each column
  std::vector<std::vector<window_cell>> cells;  ///< [vendor][requirement]
};

/// What a W1 worklist item needs to stay covered.
enum class renewal_kind {
  recertification_audit,
  surveillance_audit,
  new_report_or_bridge_letter,
  new_self_assessment,
  annual_recertification,
  renewed_attestation,
  agreement_renewal,
};

/// One W1 worklist item.
struct expiring_item {
  vendor_id vendor;
  std::optional<evidence_id> evidence;   ///< absent for an agreement
  framework_id framework;
  std::string requirement;                ///< the requirement whose run ends: the framework, or `pci-dss:saq-a` for a merchant SAQ (C12)
  /// The last covered day of the run containing the date; for a surveillance audit (C5), the day
  /// the audit falls due (compliance/surveillance.hpp), its grace limit in `grace_until`.
  date ends;
  long days_left = 0;                     ///< days from the query date to `ends` (below 0: a due date passed, within its grace)
  renewal_kind renewal = renewal_kind::recertification_audit;
  std::optional<date> grace_until;        ///< surveillance-audit items: the last day the audit is on time (due + grace days)
  std::string message;                    ///< what to do, in a sentence
};

/// One W2 cell.
struct matrix_cell {
  coverage_status status = coverage_status::not_covered;
  std::optional<long> days_left;          ///< to covered_until; absent when not covered or open-ended
  std::optional<date> covered_until;
};

/// W2: vendors × requirements on one date.
struct matrix_result {
  date on;
  std::vector<vendor_id> vendors;
  std::vector<std::string> requirements;  ///< canonical text of each column
  std::vector<std::vector<matrix_cell>> cells; ///< [vendor][requirement]
};

/// What a stretch of a timeline lane shows.
enum class segment_kind {
  covered, ///< covered by the evidence itself (period, validity)
  grace,   ///< C7/C8: the report's "current" months after its period
  bridge,  ///< C7: a bridge letter's reach
  warning, ///< covered, with a warning (C5 overdue surveillance, major nonconformity, long suspension)
  removed, ///< within the evidence's dates but not covered (suspension, withdrawal, edition, agreement...)
};

/// One stretch of a lane; `code` says why for every kind but `covered`.
struct lane_segment {
  interval days;
  segment_kind kind = segment_kind::covered;
  std::optional<finding_code> code;
};

/// A dated mark on a lane: an audit (C5), a bridge letter, a status event.
struct lane_mark {
  date on;
  std::string label; ///< "surveillance audit (passed)", "suspended", ...
};

/// One lane of a timeline: one evidence against its own framework, or one agreement.
struct timeline_lane {
  std::optional<evidence_id> evidence;   ///< absent for an agreement lane
  std::string label;                     ///< "iso27001 certificate braze-iso27001-2021", "BAA"
  std::optional<framework_id> framework; ///< absent for an agreement lane
  std::vector<lane_segment> segments;    ///< sorted, disjoint, clipped to the range
  std::vector<lane_mark> marks;          ///< within the range
};

/// A vendor's evidence over a range of dates, lane by lane, read off the same interval sets as
/// every verdict (G5).
struct timeline_result {
  std::optional<vendor_id> vendor; ///< absent when the vendor is unknown
  interval range;
  date on;                         ///< the query date (drawn as a line)
  std::vector<timeline_lane> lanes;
};

} // namespace compliance

COMPLIANCE_ENUM_TABLE(compliance::segment_kind, {compliance::segment_kind::covered, "covered"},
                      {compliance::segment_kind::grace, "grace"},
                      {compliance::segment_kind::bridge, "bridge"},
                      {compliance::segment_kind::warning, "warning"},
                      {compliance::segment_kind::removed, "removed"});
COMPLIANCE_ENUM_TABLE(compliance::severity, {compliance::severity::info, "info"},
                      {compliance::severity::warning, "warning"},
                      {compliance::severity::blocking, "blocking"});
COMPLIANCE_ENUM_TABLE(compliance::coverage_status, {compliance::coverage_status::covered, "covered"},
                      {compliance::coverage_status::covered_with_warnings, "covered-with-warnings"},
                      {compliance::coverage_status::not_covered, "not-covered"});
COMPLIANCE_ENUM_TABLE(compliance::renewal_kind,
                      {compliance::renewal_kind::recertification_audit, "recertification-audit"},
                      {compliance::renewal_kind::surveillance_audit, "surveillance-audit"},
                      {compliance::renewal_kind::new_report_or_bridge_letter, "new-report-or-bridge-letter"},
                      {compliance::renewal_kind::new_self_assessment, "new-self-assessment"},
                      {compliance::renewal_kind::annual_recertification, "annual-recertification"},
                      {compliance::renewal_kind::renewed_attestation, "renewed-attestation"},
                      {compliance::renewal_kind::agreement_renewal, "agreement-renewal"});
COMPLIANCE_ENUM_TABLE(compliance::finding_code,
                      {compliance::finding_code::unknown_vendor, "unknown-vendor"},
                      {compliance::finding_code::no_evidence, "no-evidence"},
                      {compliance::finding_code::not_yet_valid, "not-yet-valid"},
                      {compliance::finding_code::expired, "expired"},
                      {compliance::finding_code::earlier_cycle_unrecorded, "earlier-cycle-unrecorded"},
                      {compliance::finding_code::suspended, "suspended"},
                      {compliance::finding_code::suspension_exceeds_6_months, "suspension-exceeds-6-months"},
                      {compliance::finding_code::withdrawn, "withdrawn"},
                      {compliance::finding_code::edition_withdrawn, "edition-withdrawn"},
                      {compliance::finding_code::edition_mismatch, "edition-mismatch"},
                      {compliance::finding_code::surveillance_overdue, "surveillance-overdue"},
                      {compliance::finding_code::major_nonconformity, "major-nonconformity"},
                      {compliance::finding_code::requires_missing, "requires-missing"},
                      {compliance::finding_code::report_grace, "report-grace"},
                      {compliance::finding_code::bridged, "bridged"},
                      {compliance::finding_code::type_insufficient, "type-insufficient"},
                      {compliance::finding_code::short_period, "short-period"},
                      {compliance::finding_code::qualified_opinion, "qualified-opinion"},
                      {compliance::finding_code::opinion_adverse, "opinion-adverse"},
                      {compliance::finding_code::opinion_disclaimer, "opinion-disclaimer"},
                      {compliance::finding_code::opinion_unknown, "opinion-unknown"},
                      {compliance::finding_code::criteria_missing, "criteria-missing"},
                      {compliance::finding_code::equivalent, "equivalent"},
                      {compliance::finding_code::merchant_only, "merchant-only"},
                      {compliance::finding_code::variant_mismatch, "variant-mismatch"},
                      {compliance::finding_code::program_missing, "program-missing"},
                      {compliance::finding_code::listing_inactive, "listing-inactive"},
                      {compliance::finding_code::recertification_overdue, "recertification-overdue"},
                      {compliance::finding_code::program_invalidated, "program-invalidated"},
                      {compliance::finding_code::agreement_missing, "agreement-missing"},
                      {compliance::finding_code::out_of_scope, "out-of-scope"},
                      {compliance::finding_code::scoped, "scoped"},
                      {compliance::finding_code::inherited, "inherited"},
                      {compliance::finding_code::assurance_insufficient, "assurance-insufficient"});

#endif
