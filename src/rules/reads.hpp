// What the rules read that a query could leave out: other frameworks' evidence, and free text.
// The one declaration the store's query decoding consults (registry_impl::frameworks_read,
// vendor_store::decode_for_query), kept beside the rules that do the reading. A rule that starts
// reading another framework's evidence, or a free-text field, names it here; the property test
// "G5 C6 C11 C16 a query decodes only the evidence its requirement can read, and answers as from
// all of it" fails until it does (it asks the same questions of vendors decoded whole).
#ifndef COMPLIANCE_SRC_RULES_READS_HPP
#define COMPLIANCE_SRC_RULES_READS_HPP

#include "compliance/framework.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace compliance::detail {

/// Per catalog row: the frameworks whose evidence the rules read for an atom on it — its own,
/// those whose reports satisfy it (C11: reports.cpp), and the prerequisites of all of these (C6:
/// certificates.cpp, at row or edition level), with theirs. A superset, never less.
std::vector<std::vector<std::string>> frameworks_read_by_row(const compliance::catalog& frameworks);

/// The free-text fields of compliance-registry/1: names, notes, sources, numbers and the bodies
/// that issued or audited. A query's vendors hold those the rules read (text_fields_read), and
/// leave the others out, absent or empty: they are most of a vendor's bytes.
enum class text_field : unsigned {
  vendor_name,
  vendor_notes,
  vendor_aliases,
  evidence_source,
  evidence_notes,
  certificate_number,
  certificate_issuer,
  certificate_accreditation,
  report_auditor,
  self_assessment_assessor,
};

/// Each free-text field's record and member, as the record's field list names them
/// (`certificate.issuer`): the tests match them against the fields they walk.
constexpr std::string_view text_field_name(text_field f) noexcept {
  switch (f) {
  case text_field::vendor_name: return "vendor.name";
  case text_field::vendor_notes: return "vendor.notes";
  case text_field::vendor_aliases: return "vendor.aliases";
  case text_field::evidence_source: return "evidence.source";
  case text_field::evidence_notes: return "evidence.notes";
  case text_field::certificate_number: return "certificate.number";
  case text_field::certificate_issuer: return "certificate.issuer";
  case text_field::certificate_accreditation: return "certificate.accreditation";
  case text_field::report_auditor: return "report.auditor";
  case text_field::self_assessment_assessor: return "self_assessment.assessor";
  }
  return {};
}
/// How many text_field values there are.
inline constexpr unsigned text_field_count = 10;

/// The free-text fields some rule reads, as bits (1 << text_field): none today. Every verdict,
/// finding and worklist item is worked out from dates, ids, kinds and scopes; names and issuers
/// are shown by the command from the registry's data, not by the rules.
inline constexpr std::uint32_t text_fields_read = 0;

/// Whether some rule reads `f` (text_fields_read).
constexpr bool rules_read(text_field f) noexcept { return (text_fields_read >> static_cast<unsigned>(f)) & 1u; }

} // namespace compliance::detail

#endif
