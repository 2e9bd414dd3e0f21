#include "compliance/verdict.hpp"

#include <doctest/doctest.h>

using namespace compliance;

TEST_CASE("G4 every finding code has one spelling, both ways") {
  for (const auto& [code, name] : detail::enum_table<finding_code>::names) {
    CHECK(to_string(code) == name);
    CHECK(enum_from_string<finding_code>(name) == code);
  }
  CHECK(to_string(finding_code::earlier_cycle_unrecorded) == "earlier-cycle-unrecorded");
  CHECK(to_string(coverage_status::covered_with_warnings) == "covered-with-warnings");
  CHECK_FALSE(enum_from_string<finding_code>("no-such-code"));
}

TEST_CASE("G4 a verdict prints its status, run, evidence and findings") {
  verdict v;
  v.status = coverage_status::covered_with_warnings;
  v.vendor = vendor_id("aiven");
  v.on = date_from_string("2023-07-01");
  v.covered_since = date_from_string("2022-06-01");
  v.covered_until = date_from_string("2025-05-31");
  v.satisfied_by = {evidence_id("aiven-iso")};
  v.findings.push_back({finding_code::surveillance_overdue, severity::warning, evidence_id("aiven-iso"),
                        "Surveillance audit 1 was due on 2023-06-01 and none is recorded.", true});
  CHECK(to_string(v) ==
        "covered-with-warnings (aiven on 2023-07-01)\n"
        "  covered since 2022-06-01 until 2025-05-31\n"
        "  evidence: aiven-iso\n"
        "  * warning surveillance-overdue [aiven-iso]: Surveillance audit 1 was due on 2023-06-01 and none is recorded.");
}
