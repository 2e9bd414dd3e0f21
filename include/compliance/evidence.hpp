#ifndef COMPLIANCE_EVIDENCE_HPP
#define COMPLIANCE_EVIDENCE_HPP

/// \file
/// The five kinds of evidence a vendor can hold, with every field of compliance-registry/1.
/// Optional fields are `std::optional`: absent means "not known", never "false".

#include "compliance/detail/fields.hpp"
#include "compliance/date.hpp"
#include "compliance/detail/enum_table.hpp"
#include "compliance/id.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace compliance {

/// The evidence type, which also fixes its assurance level (C17).
enum class evidence_type { certificate, report, self_assessment, listing, attestation };

/// How much independent assurance a piece of evidence carries, weakest first (C17).
enum class assurance { self_attested, self_certified, self_assessed, attested, certified };

/// C17: certificate > report > self-assessment > listing > attestation.
constexpr assurance assurance_of(evidence_type t) noexcept {
  switch (t) {
  case evidence_type::certificate: return assurance::certified;
  case evidence_type::report: return assurance::attested;
  case evidence_type::self_assessment: return assurance::self_assessed;
  case evidence_type::listing: return assurance::self_certified;
  case evidence_type::attestation: return assurance::self_attested;
  }
  return assurance::self_attested;
}

/// Which part of the vendor's offering a piece of evidence covers (C15). An absent list means
/// the evidence is not limited on that axis. Values are matched case-insensitively.
struct scope {
  std::optional<std::vector<std::string>> services;
  std::optional<std::vector<std::string>> regions;
  std::optional<std::vector<std::string>> plans;
};
BOOST_DESCRIBE_STRUCT(scope, (), (services, regions, plans))

/// Kinds of certification-body audit.
enum class audit_kind { initial, surveillance, recertification, transition, special };
/// Outcome of an audit; `major-nonconformity` still counts for surveillance (C5) with a warning.
enum class audit_outcome { passed, major_nonconformity, failed };

/// One audit of a certificate's cycle.
struct audit {
  audit_kind kind = audit_kind::surveillance;
  date on;          ///< `date`
  audit_outcome outcome = audit_outcome::passed;
};
BOOST_DESCRIBE_STRUCT(audit, (), (kind, on, outcome))

/// Certificate status states (C2, C3).
enum class status_state { suspended, withdrawn, reinstated };

/// A status event of a certificate.
struct status_event {
  status_state state = status_state::suspended;
  date from;
  std::optional<date> to; ///< suspension end (inclusive); open when absent (C2)
};
BOOST_DESCRIBE_STRUCT(status_event, (), (state, from, to))

/// `type: certificate` — accredited certification (C1–C6).
struct certificate {
  std::optional<std::string> number;
  std::optional<std::string> issuer;
  std::optional<std::string> accreditation;
  std::optional<date> first_certified; ///< C1: never extends coverage
  date issued;
  date expires;
  std::optional<std::vector<audit>> audits; ///< C5: surveillance tracked only when present
  std::vector<status_event> status;
};
BOOST_DESCRIBE_STRUCT(certificate, (), (number, issuer, accreditation, first_certified, issued, expires, audits, status))

/// SOC report types.
enum class report_type { type1, type2 };
/// Auditor's opinion (C9).
enum class opinion { unqualified, qualified, adverse, disclaimer };
/// How a subservice organisation is treated in a report or a reliance link.
enum class reliance_method { carve_out, inclusive };

/// A bridge (gap) letter: management's statement that controls stayed unchanged (C7).
struct bridge_letter {
  std::optional<date> issued;
  date through;
};
BOOST_DESCRIBE_STRUCT(bridge_letter, (), (issued, through))

/// A subservice organisation named in a report.
struct subservice {
  vendor_id vendor;
  std::optional<reliance_method> method;
};
BOOST_DESCRIBE_STRUCT(subservice, (), (vendor, method))

/// `type: report` — independent attestation report (C7–C11).
struct report {
  report_type kind = report_type::type2;        ///< `report_type`
  std::optional<date> as_of;                    ///< type 1
  std::optional<date> period_from;              ///< type 2 `period.from`
  std::optional<date> period_to;                ///< type 2 `period.to`
  std::optional<std::vector<std::string>> criteria; ///< C10; `security` is implied
  std::optional<std::string> auditor;
  std::optional<opinion> auditor_opinion;       ///< `opinion`; absent is C9's `opinion-unknown`
  std::optional<date> issued;
  std::vector<bridge_letter> bridge_letters;
  std::vector<subservice> subservices;          ///< `subservice`
};
BOOST_DESCRIBE_STRUCT(report, (), (kind, as_of, period_from, period_to, criteria, auditor, auditor_opinion, issued, bridge_letters, subservices))

/// `type: self-assessment` — questionnaire with an attestation of compliance (C12).
struct self_assessment {
  std::optional<std::string> variant; ///< `saq-a`, `saq-d`, `roc`, `caiq`, ...
  date completed;
  std::optional<date> valid_until;
  std::optional<std::string> assessor;
};
BOOST_DESCRIBE_STRUCT(self_assessment, (), (variant, completed, valid_until, assessor))

/// Listing status (C13).
enum class listing_status { active, inactive, removed };

/// `type: listing` — self-certification on a public list (C13).
struct listing {
  std::vector<std::string> programs;
  date listed;
  date next_due;
  std::optional<listing_status> status;
  std::optional<date> status_since;
};
BOOST_DESCRIBE_STRUCT(listing, (), (programs, listed, next_due, status, status_since))

/// Kinds of agreement between us (the relying party) and a vendor.
enum class agreement_kind { baa, dpa, nda };

/// `type: attestation` — the vendor's own statement of compliance (C14).
struct attestation {
  date since;
  std::optional<date> until;
  std::optional<agreement_kind> requires_agreement;
};
BOOST_DESCRIBE_STRUCT(attestation, (), (since, until, requires_agreement))

/// One piece of evidence: the fields every type shares, and the type's own.
struct evidence {
  evidence_id id;
  framework_id framework;
  std::optional<std::string> edition;
  std::optional<compliance::scope> scope;
  std::optional<std::string> source;
  std::optional<std::string> notes;
  std::variant<certificate, report, self_assessment, listing, attestation> details;

  /// The evidence type, read off `details`.
  evidence_type type() const noexcept { return static_cast<evidence_type>(details.index()); }
};
BOOST_DESCRIBE_STRUCT(evidence, (), (id, framework, edition, scope, source, notes, details))

} // namespace compliance

COMPLIANCE_ENUM_TABLE(compliance::evidence_type, {compliance::evidence_type::certificate, "certificate"},
                      {compliance::evidence_type::report, "report"},
                      {compliance::evidence_type::self_assessment, "self-assessment"},
                      {compliance::evidence_type::listing, "listing"},
                      {compliance::evidence_type::attestation, "attestation"});
COMPLIANCE_ENUM_TABLE(compliance::assurance, {compliance::assurance::self_attested, "self-attested"},
                      {compliance::assurance::self_certified, "self-certified"},
                      {compliance::assurance::self_assessed, "self-assessed"},
                      {compliance::assurance::attested, "attested"},
                      {compliance::assurance::certified, "certified"});
COMPLIANCE_ENUM_TABLE(compliance::audit_kind, {compliance::audit_kind::initial, "initial"},
                      {compliance::audit_kind::surveillance, "surveillance"},
                      {compliance::audit_kind::recertification, "recertification"},
                      {compliance::audit_kind::transition, "transition"},
                      {compliance::audit_kind::special, "special"});
COMPLIANCE_ENUM_TABLE(compliance::audit_outcome, {compliance::audit_outcome::passed, "passed"},
                      {compliance::audit_outcome::major_nonconformity, "major-nonconformity"},
                      {compliance::audit_outcome::failed, "failed"});
COMPLIANCE_ENUM_TABLE(compliance::status_state, {compliance::status_state::suspended, "suspended"},
                      {compliance::status_state::withdrawn, "withdrawn"},
                      {compliance::status_state::reinstated, "reinstated"});
COMPLIANCE_ENUM_TABLE(compliance::report_type, {compliance::report_type::type1, "type1"},
                      {compliance::report_type::type2, "type2"});
COMPLIANCE_ENUM_TABLE(compliance::opinion, {compliance::opinion::unqualified, "unqualified"},
                      {compliance::opinion::qualified, "qualified"},
                      {compliance::opinion::adverse, "adverse"},
                      {compliance::opinion::disclaimer, "disclaimer"});
COMPLIANCE_ENUM_TABLE(compliance::reliance_method, {compliance::reliance_method::carve_out, "carve-out"},
                      {compliance::reliance_method::inclusive, "inclusive"});
COMPLIANCE_ENUM_TABLE(compliance::listing_status, {compliance::listing_status::active, "active"},
                      {compliance::listing_status::inactive, "inactive"},
                      {compliance::listing_status::removed, "removed"});
COMPLIANCE_ENUM_TABLE(compliance::agreement_kind, {compliance::agreement_kind::baa, "baa"},
                      {compliance::agreement_kind::dpa, "dpa"},
                      {compliance::agreement_kind::nda, "nda"});

#endif
