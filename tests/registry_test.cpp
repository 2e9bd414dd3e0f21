#include "compliance/registry.hpp"

#include "compliance/builder.hpp"

#include "generator.hpp"
#include "store/decoded_vendors.hpp"
#include "registry/name_table.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace compliance;

namespace {

date d(const char* s) { return date_from_string(s); }

verdict ask(const registry& reg, const char* vendor, const char* req, const char* on, const query_options& o = {}) {
  return reg.check(vendor, reg.parse(req), d(on), o);
}

registry iso_vendor() {
  registry_builder b;
  b.vendor("acme").alias("Acme Cloud").certificate("iso27001").id("acme-iso").issued("2021-08-06").expires("2024-12-16")
      .first_certified("2018-12-18");
  return b.build();
}

} // namespace

TEST_CASE("G1 every query takes its date; the answer depends on it alone") {
  const auto reg = iso_vendor();
  const auto req = reg.parse("iso27001");
  CHECK(reg.is_covered("acme", req, d("2024-12-16")));
  CHECK_FALSE(reg.is_covered("acme", req, d("2024-12-17")));
  CHECK(reg.check("acme", req, d("2022-01-01")).on == d("2022-01-01"));
}

TEST_CASE("G2 vendors are found by id or alias, case-insensitively") {
  const auto reg = iso_vendor();
  CHECK(ask(reg, "ACME", "iso27001", "2023-01-01").covered());
  CHECK(ask(reg, "acme cloud", "iso27001", "2023-01-01").covered());
  CHECK(ask(reg, "acme cloud", "iso27001", "2023-01-01").vendor == vendor_id("acme"));
  REQUIRE(reg.find_vendor("Acme Cloud").has_value());
  CHECK(reg.find_vendor("Acme Cloud")->id == vendor_id("acme"));
  CHECK(!reg.find_vendor("Acme Clouds"));
}

TEST_CASE("G2 an unknown vendor is an answer with the closest ids, never an exception") {
  registry_builder b;
  b.vendor("acme").certificate("iso27001").issued("2021-08-06").expires("2024-12-16");
  b.vendor("acmex").certificate("iso27001").issued("2021-08-06").expires("2024-12-16");
  b.vendor("zeta").certificate("iso27001").issued("2021-08-06").expires("2024-12-16");
  const auto reg = b.build();
  const auto v = ask(reg, "acm", "iso27001", "2023-01-01");
  CHECK_FALSE(v.covered());
  CHECK(v.status == coverage_status::not_covered);
  REQUIRE(v.has(finding_code::unknown_vendor));
  CHECK(v.find(finding_code::unknown_vendor)->severity == severity::blocking);
  CHECK(v.suggestions == std::vector<std::string>{"acme", "acmex"});
  CHECK(v.find(finding_code::unknown_vendor)->message.find("acm") != std::string::npos);
  CHECK_FALSE(reg.is_covered("nobody", reg.parse("iso27001"), d("2023-01-01")));
}

TEST_CASE("G3 a requirement is parsed against the registry's own catalog") {
  registry_builder b;
  framework_info row;
  row.id = framework_id("acme-vendor-review");
  row.name = "ACME annual vendor review";
  row.typical = evidence_type::self_assessment;
  row.validity_months = 12;
  b.framework(row);
  b.vendor("v").self_assessment("acme-vendor-review").completed("2024-03-01");
  const auto reg = b.build();
  CHECK(ask(reg, "v", "acme-vendor-review", "2025-02-28").covered());
  CHECK_FALSE(ask(reg, "v", "acme-vendor-review", "2025-03-01").covered());
  CHECK_FALSE(try_parse_requirement("acme-vendor-review").has_value()); // unknown to the builtin catalog
  const auto bad = reg.try_parse("acme-vendor-reveiw");
  REQUIRE_FALSE(bad.has_value());
  CHECK(bad.error().code == errc::unknown_word);
  CHECK(bad.error().suggestions.front() == "acme-vendor-review");
}

TEST_CASE("G4 a covered verdict carries status, evidence and the run around the date") {
  const auto reg = iso_vendor();
  const auto v = ask(reg, "acme", "iso27001", "2024-12-16");
  CHECK(v.covered());
  CHECK(v.status == coverage_status::covered);
  CHECK(v.satisfied_by == std::vector<evidence_id>{evidence_id("acme-iso")});
  CHECK(v.covered_since == d("2021-08-06"));
  CHECK(v.covered_until == d("2024-12-16"));
  CHECK_FALSE(v.next_covered_from);
}

TEST_CASE("G4 a not-covered verdict names the last run before and the next window after") {
  registry_builder b;
  b.vendor("acme").certificate("iso27001").issued("2021-01-01").expires("2022-12-31");
  b.vendor("acme").certificate("iso27001").issued("2023-03-01").expires("2026-02-28");
  const auto reg = b.build();
  const auto v = ask(reg, "acme", "iso27001", "2023-02-01");
  CHECK_FALSE(v.covered());
  CHECK(v.covered_since == d("2021-01-01"));
  CHECK(v.covered_until == d("2022-12-31"));
  CHECK(v.next_covered_from == d("2023-03-01"));
  REQUIRE(v.has(finding_code::expired));
  CHECK(v.find(finding_code::expired)->message == "The certificate acme-iso27001-1 expired on 2022-12-31.");
  CHECK(v.has(finding_code::not_yet_valid));
}

TEST_CASE("G4 an open-ended run has no covered_until") {
  registry_builder b;
  b.vendor("acme").agreement(agreement_kind::dpa, "2020-01-01").attestation("gdpr").since("2020-01-01");
  const auto reg = b.build();
  const auto v = ask(reg, "acme", "gdpr", "2030-01-01");
  CHECK(v.covered());
  CHECK(v.covered_since == d("2020-01-01"));
  CHECK_FALSE(v.covered_until);
}

TEST_CASE("G5 verdicts, coverage, shortlist and matrix read the same interval sets") {
  registry_builder b;
  b.vendor("acme").certificate("iso27001").issued("2021-01-01").expires("2022-12-31").suspended("2022-03-01", "2022-04-30");
  b.vendor("acme").report("soc2").period("2022-06-01", "2023-05-31").bridge_letter("2023-07-31");
  b.vendor("beta").report("soc2").period("2021-06-01", "2022-05-31");
  const auto reg = b.build();
  for (const char* expr : {"iso27001", "soc2:type2", "iso27001 | soc2", "iso27001 & soc2"}) {
    const auto req = reg.parse(expr);
    const auto cov = reg.coverage("acme", req, {d("2020-06-01"), d("2025-06-01")});
    for (date day = d("2020-06-01"); day <= d("2025-06-01"); day += boost::gregorian::days(7)) {
      const bool covered = reg.is_covered("acme", req, day);
      CHECK_MESSAGE(covered == cov.covered.contains(day), expr << " " << to_string(day));
      CHECK(covered == reg.check("acme", req, day).covered());
      const auto shortlist = reg.covered_vendors(req, day);
      CHECK(covered == (std::find(shortlist.begin(), shortlist.end(), vendor_id("acme")) != shortlist.end()));
      const auto m = reg.matrix({req}, day);
      CHECK(covered == (m.cells[0][0].status != coverage_status::not_covered));
    }
  }
}

TEST_CASE("C1 covers [issued, expires] inclusive; first_certified never extends it") {
  const auto reg = iso_vendor();
  CHECK(ask(reg, "acme", "iso27001", "2021-08-06").covered());
  CHECK_FALSE(ask(reg, "acme", "iso27001", "2021-08-05").covered());
  const auto v = ask(reg, "acme", "iso27001", "2019-06-01");
  CHECK_FALSE(v.covered());
  REQUIRE(v.has(finding_code::earlier_cycle_unrecorded));
  CHECK(v.find(finding_code::earlier_cycle_unrecorded)->severity == severity::info);
  CHECK(v.find(finding_code::earlier_cycle_unrecorded)->message.find("2018-12-18") != std::string::npos);
  CHECK_FALSE(ask(reg, "acme", "iso27001", "2018-12-17").has(finding_code::earlier_cycle_unrecorded));
}

TEST_CASE("C2 a suspension removes its days; open ones run until the day before reinstatement") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").id("closed").issued("2022-01-01").expires("2024-12-31").suspended("2023-02-01", "2023-03-15");
  b.vendor("b").certificate("iso27001").id("open").issued("2022-01-01").expires("2024-12-31").suspended("2023-02-01")
      .reinstated("2023-01-15").reinstated("2023-05-10");
  b.vendor("c").certificate("iso27001").id("never").issued("2022-01-01").expires("2024-12-31").suspended("2023-02-01");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27001", "2023-01-31").covered());
  CHECK_FALSE(ask(reg, "a", "iso27001", "2023-02-01").covered());
  CHECK(ask(reg, "a", "iso27001", "2023-02-01").has(finding_code::suspended));
  CHECK_FALSE(ask(reg, "a", "iso27001", "2023-03-15").covered());
  CHECK(ask(reg, "a", "iso27001", "2023-03-16").covered());
  CHECK_FALSE(ask(reg, "b", "iso27001", "2023-05-09").covered()); // reinstated before `from` does not count
  CHECK(ask(reg, "b", "iso27001", "2023-05-10").covered());
  CHECK_FALSE(ask(reg, "c", "iso27001", "2024-12-31").covered());
}

TEST_CASE("C2 a suspension over 6 months warns: verify with the certification body") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2025-12-31").suspended("2023-01-01", "2023-07-01");
  b.vendor("b").certificate("iso27001").issued("2022-01-01").expires("2025-12-31").suspended("2023-01-01", "2023-06-30");
  const auto reg = b.build();
  const auto v = ask(reg, "a", "iso27001", "2024-01-01");
  CHECK(v.covered());
  CHECK(v.status == coverage_status::covered_with_warnings);
  CHECK(v.has(finding_code::suspension_exceeds_6_months));
  CHECK_FALSE(ask(reg, "b", "iso27001", "2024-01-01").has(finding_code::suspension_exceeds_6_months));
}

TEST_CASE("C3 withdrawal ends coverage for good; reinstatement does not undo it") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2024-12-31").withdrawn("2023-06-01").reinstated("2023-07-01");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27001", "2023-05-31").covered());
  const auto v = ask(reg, "a", "iso27001", "2023-08-01");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::withdrawn));
  CHECK(v.covered_until == d("2023-05-31"));
}

TEST_CASE("C4 a withdrawn edition covers nothing after its last day") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").edition("2013").issued("2023-01-01").expires("2025-12-31");
  b.vendor("b").certificate("iso27001").edition("2022").issued("2023-01-01").expires("2025-12-31");
  b.vendor("c").certificate("iso9001").edition("2008").issued("2016-01-01").expires("2018-12-31");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27001", "2025-10-31").covered());
  const auto v = ask(reg, "a", "iso27001", "2025-11-01");
  CHECK_FALSE(v.covered());
  REQUIRE(v.has(finding_code::edition_withdrawn));
  CHECK(v.find(finding_code::edition_withdrawn)->message.find("2025-10-31") != std::string::npos);
  CHECK(ask(reg, "b", "iso27001", "2025-11-01").covered());
  CHECK(ask(reg, "c", "iso9001", "2018-09-15").covered());
  CHECK_FALSE(ask(reg, "c", "iso9001", "2018-09-16").covered());
  CHECK(ask(reg, "b", "iso27001:2022", "2024-01-01").covered());
  CHECK(ask(reg, "a", "iso27001:2022", "2024-01-01").has(finding_code::edition_mismatch));
}

TEST_CASE("C5 surveillance overdue warns by default") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-06-01").expires("2025-05-31").track_audits();
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27001", "2023-06-01").status == coverage_status::covered); // due day itself
  const auto v = ask(reg, "a", "iso27001", "2023-06-02");
  CHECK(v.covered());
  CHECK(v.status == coverage_status::covered_with_warnings);
  REQUIRE(v.has(finding_code::surveillance_overdue));
  CHECK(v.find(finding_code::surveillance_overdue)->message.find("2023-06-01") != std::string::npos);
}

TEST_CASE("C5 due dates come from the anchor with clamped months; audits must lie in (issued, due + grace]") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2024-02-29").expires("2027-02-27")
      .audit(audit_kind::surveillance, "2025-02-28");
  b.vendor("b").certificate("iso27001").issued("2024-02-29").expires("2027-02-27")
      .audit(audit_kind::surveillance, "2025-03-10");
  b.vendor("c").certificate("iso27001").issued("2024-02-29").expires("2027-02-27")
      .audit(audit_kind::surveillance, "2024-02-29"); // on issued: not after it
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27001", "2025-06-01").status == coverage_status::covered);
  CHECK(ask(reg, "b", "iso27001", "2025-03-01").status == coverage_status::covered_with_warnings);
  CHECK(ask(reg, "b", "iso27001", "2025-03-09").status == coverage_status::covered_with_warnings);
  CHECK(ask(reg, "b", "iso27001", "2025-03-10").status == coverage_status::covered); // made up
  CHECK(ask(reg, "c", "iso27001", "2025-03-01").has(finding_code::surveillance_overdue));
  // The second due date is 2026-02-28 (clamped from the anchor), and needs a second audit.
  CHECK(ask(reg, "a", "iso27001", "2026-02-28").status == coverage_status::covered);
  CHECK(ask(reg, "a", "iso27001", "2026-03-01").has(finding_code::surveillance_overdue));
}

TEST_CASE("C5 strict policy removes overdue days until the audit that makes up the count") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-06-01").expires("2025-05-31")
      .audit(audit_kind::surveillance, "2023-08-15").audit(audit_kind::surveillance, "2024-05-20", audit_outcome::failed);
  b.policy().surveillance = surveillance_policy::strict;
  b.policy().surveillance_grace_days = 30;
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27001", "2023-07-01").covered()); // due 2023-06-01 + 30 days grace
  const auto v = ask(reg, "a", "iso27001", "2023-07-02");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::surveillance_overdue));
  CHECK(v.find(finding_code::surveillance_overdue)->severity == severity::blocking);
  CHECK(ask(reg, "a", "iso27001", "2023-08-15").covered());
  // The failed audit never counts: second due 2024-06-01 + 30 → not covered from 2024-07-02.
  CHECK(ask(reg, "a", "iso27001", "2024-07-01").covered());
  CHECK_FALSE(ask(reg, "a", "iso27001", "2024-07-02").covered());
  query_options ignore;
  ignore.policy.surveillance = surveillance_policy::ignore;
  CHECK(ask(reg, "a", "iso27001", "2024-07-02", ignore).status == coverage_status::covered);
}

TEST_CASE("C5 a major nonconformity counts, with a warning") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-06-01").expires("2025-05-31")
      .audit(audit_kind::surveillance, "2023-05-01", audit_outcome::major_nonconformity);
  const auto reg = b.build();
  const auto v = ask(reg, "a", "iso27001", "2023-09-01");
  CHECK(v.covered());
  CHECK(v.has(finding_code::major_nonconformity));
  CHECK_FALSE(v.has(finding_code::surveillance_overdue));
}

TEST_CASE("C6 27017, 27018 and 27701:2019 cover only while the vendor's own 27001 does") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2023-12-31");
  b.vendor("a").certificate("iso27017").issued("2022-06-01").expires("2025-05-31");
  b.vendor("a").certificate("iso27701").issued("2022-06-01").expires("2025-05-31");
  b.vendor("a").certificate("iso27701").id("a-27701-2025").edition("2025").issued("2022-06-01").expires("2025-05-31");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27017", "2023-12-31").covered());
  const auto v = ask(reg, "a", "iso27017", "2024-01-01");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::requires_missing));
  CHECK_FALSE(ask(reg, "a", "iso27701:2019", "2024-01-01").covered()); // no edition reads as 2019
  CHECK(ask(reg, "a", "iso27701:2025", "2024-01-01").covered());        // 2025 stands alone
}

TEST_CASE("C6 a required framework is never inherited") {
  registry_builder b;
  b.vendor("a").relies_on("host").certificate("iso27017").issued("2022-06-01").expires("2025-05-31");
  b.vendor("host").certificate("iso27001").issued("2022-01-01").expires("2025-12-31");
  const auto reg = b.build();
  query_options inherit;
  inherit.policy.accept_inherited = true;
  CHECK_FALSE(ask(reg, "a", "iso27017", "2023-01-01", inherit).covered());
}

TEST_CASE("C7 a type 2 report covers its period, then 12 months of grace") {
  registry_builder b;
  b.vendor("braze").report("soc2").period("2019-07-01", "2020-06-30").criteria({"security"});
  const auto reg = b.build();
  CHECK(ask(reg, "braze", "soc2:type2", "2019-07-01").covered());
  CHECK_FALSE(ask(reg, "braze", "soc2:type2", "2019-06-30").covered());
  const auto v = ask(reg, "braze", "soc2:type2", "2021-06-30");
  CHECK(v.covered());
  REQUIRE(v.has(finding_code::report_grace));
  CHECK(v.find(finding_code::report_grace)->message.find("365 days") != std::string::npos);
  CHECK_FALSE(ask(reg, "braze", "soc2:type2", "2021-07-01").covered());
}

TEST_CASE("C7 a bridge letter extends a type 2 report, at most bridge_max_months") {
  registry_builder b;
  b.vendor("a").report("soc2").period("2023-01-01", "2023-12-31").bridge_letter("2024-06-30");
  b.policy().report_grace_months = 0;
  const auto reg = b.build();
  const auto v = ask(reg, "a", "soc2", "2024-03-31");
  CHECK(v.covered());
  REQUIRE(v.has(finding_code::bridged));
  CHECK(v.find(finding_code::bridged)->message.find("no auditor assurance") != std::string::npos);
  CHECK_FALSE(ask(reg, "a", "soc2", "2024-04-01").covered());
  query_options longer;
  longer.policy.bridge_max_months = 6;
  CHECK(ask(reg, "a", "soc2", "2024-06-30", longer).covered());
  CHECK_FALSE(ask(reg, "a", "soc2", "2024-07-01", longer).covered());
}

TEST_CASE("C7 with grace 0 only a bridge letter covers past the period") {
  registry_builder b;
  b.vendor("a").report("soc2").period("2023-01-01", "2023-12-31");
  b.policy().report_grace_months = 0;
  const auto reg = b.build();
  CHECK(ask(reg, "a", "soc2", "2023-12-31").covered());
  CHECK_FALSE(ask(reg, "a", "soc2", "2024-01-01").covered());
}

TEST_CASE("C8 a type 1 covers from its date through the grace; it never satisfies type2") {
  registry_builder b;
  b.vendor("a").report("soc2").type1("2024-01-31");
  b.vendor("b").report("soc2").period("2023-01-01", "2023-12-31");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "soc2:type1", "2025-01-31").covered());
  CHECK_FALSE(ask(reg, "a", "soc2:type1", "2025-02-01").covered());
  CHECK_FALSE(ask(reg, "a", "soc2:type1", "2024-01-30").covered());
  const auto v = ask(reg, "a", "soc2:type2", "2024-06-01");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::type_insufficient));
  CHECK(ask(reg, "b", "soc2:type1", "2023-06-01").covered());
}

TEST_CASE("C8 a type 2 period shorter than 6 months warns") {
  registry_builder b;
  b.vendor("a").report("soc2").period("2023-01-01", "2023-06-29");
  b.vendor("b").report("soc2").period("2023-01-01", "2023-06-30");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "soc2", "2023-03-01").has(finding_code::short_period));
  CHECK(ask(reg, "a", "soc2", "2023-03-01").status == coverage_status::covered_with_warnings);
  CHECK_FALSE(ask(reg, "b", "soc2", "2023-03-01").has(finding_code::short_period));
}

TEST_CASE("C9 the opinion decides: qualified warns, adverse and disclaimer cover nothing, unknown informs") {
  registry_builder b;
  b.vendor("q").report("soc2").period("2023-01-01", "2023-12-31").opinion(opinion::qualified);
  b.vendor("a").report("soc2").period("2023-01-01", "2023-12-31").opinion(opinion::adverse);
  b.vendor("x").report("soc2").period("2023-01-01", "2023-12-31").opinion(opinion::disclaimer);
  b.vendor("u").report("soc2").period("2023-01-01", "2023-12-31");
  b.vendor("ok").report("soc2").period("2023-01-01", "2023-12-31").opinion(opinion::unqualified);
  const auto reg = b.build();
  CHECK(ask(reg, "q", "soc2", "2023-06-01").status == coverage_status::covered_with_warnings);
  CHECK(ask(reg, "q", "soc2", "2023-06-01").has(finding_code::qualified_opinion));
  CHECK(ask(reg, "a", "soc2", "2023-06-01").has(finding_code::opinion_adverse));
  CHECK_FALSE(ask(reg, "a", "soc2", "2023-06-01").covered());
  CHECK(ask(reg, "x", "soc2", "2023-06-01").has(finding_code::opinion_disclaimer));
  CHECK_FALSE(ask(reg, "x", "soc2", "2023-06-01").covered());
  const auto u = ask(reg, "u", "soc2", "2023-06-01");
  CHECK(u.status == coverage_status::covered);
  CHECK(u.has(finding_code::opinion_unknown));
  CHECK_FALSE(ask(reg, "ok", "soc2", "2023-06-01").has(finding_code::opinion_unknown));
}

TEST_CASE("C10 criteria must be in the report; security is implied") {
  registry_builder b;
  b.vendor("a").report("soc2").period("2019-07-01", "2020-06-30").criteria({"security"});
  b.vendor("b").report("soc2").period("2019-07-01", "2020-06-30").criteria({"availability", "confidentiality"});
  b.vendor("c").report("soc2").period("2019-07-01", "2020-06-30");
  const auto reg = b.build();
  const auto v = ask(reg, "a", "soc2[availability]", "2020-03-01");
  CHECK_FALSE(v.covered());
  REQUIRE(v.has(finding_code::criteria_missing));
  CHECK(v.find(finding_code::criteria_missing)->message.find("availability") != std::string::npos);
  CHECK(ask(reg, "b", "soc2[availability,security]", "2020-03-01").covered());
  CHECK(ask(reg, "c", "soc2[security]", "2020-03-01").covered());
  CHECK_FALSE(ask(reg, "b", "soc2[privacy]", "2020-03-01").covered());
}

TEST_CASE("C11 ISAE 3402 and SSAE 16 satisfy SOC 1; a SOC 2 type 2 satisfies SOC 3; SOC 3 only itself") {
  registry_builder b;
  b.vendor("a").report("isae3402").period("2023-01-01", "2023-12-31");
  b.vendor("b").report("ssae16").period("2015-01-01", "2015-12-31");
  b.vendor("c").report("soc2").period("2023-01-01", "2023-12-31").criteria({"security", "availability"});
  b.vendor("d").report("soc2").type1("2023-06-01");
  b.vendor("e").report("soc3").period("2023-01-01", "2023-12-31");
  const auto reg = b.build();
  const auto v = ask(reg, "a", "soc1:type2", "2023-06-01");
  CHECK(v.covered());
  CHECK(v.has(finding_code::equivalent));
  CHECK(ask(reg, "b", "soc1", "2015-06-01").covered());
  CHECK(ask(reg, "c", "soc3[availability]", "2023-06-01").covered());
  CHECK_FALSE(ask(reg, "d", "soc3", "2023-06-01").covered());
  CHECK_FALSE(ask(reg, "e", "soc2", "2023-06-01").covered());
  CHECK(ask(reg, "e", "soc3", "2023-06-01").covered());
  CHECK_FALSE(ask(reg, "c", "soc1", "2023-06-01").covered());
}

TEST_CASE("C8 a SOC 2 type 1 asked for as soc3 or soc2:type2 is type-insufficient, not no-evidence") {
  registry_builder b;
  b.vendor("t").report("soc2").id("t-soc2").type1("2024-03-01");
  const auto reg = b.build();
  for (const char* req : {"soc3", "soc2:type2", "soc3[availability]"}) {
    INFO(req);
    const auto v = ask(reg, "t", req, "2024-06-01");
    CHECK_FALSE(v.covered());
    CHECK_FALSE(v.has(finding_code::no_evidence));
    REQUIRE(v.has(finding_code::type_insufficient));
    const auto* f = v.find(finding_code::type_insufficient);
    CHECK(f->decisive);
    CHECK(f->evidence == evidence_id("t-soc2"));
    CHECK(f->message.find("type 1") != std::string::npos);
  }
  CHECK(ask(reg, "t", "soc3", "2024-06-01").find(finding_code::type_insufficient)->message ==
        "t-soc2 is a type 1 report (controls as of one date); soc3 is satisfied only by a type 2 report of soc2.");
  CHECK_FALSE(reg.is_covered("t", reg.parse("soc3"), d("2024-06-01")));
}

TEST_CASE("C12 a self-assessment lasts validity_months less a day, or until valid_until") {
  registry_builder b;
  b.vendor("a").self_assessment("pci-dss").variant("saq-d").completed("2024-01-31");
  b.vendor("b").self_assessment("pci-dss").variant("roc").completed("2024-01-31").valid_until("2024-06-30");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "pci-dss", "2025-01-30").covered());
  CHECK_FALSE(ask(reg, "a", "pci-dss", "2025-01-31").covered());
  CHECK(ask(reg, "a", "pci-dss:saq-d", "2024-06-01").covered());
  CHECK_FALSE(ask(reg, "a", "pci-dss:roc", "2024-06-01").covered());
  CHECK(ask(reg, "b", "pci-dss", "2024-06-30").covered());
  CHECK_FALSE(ask(reg, "b", "pci-dss", "2024-07-01").covered());
}

TEST_CASE("C12 merchant-only SAQs satisfy only their explicit variant") {
  registry_builder b;
  b.vendor("a").self_assessment("pci-dss").variant("saq-a").edition("4.0").completed("2024-06-01");
  const auto reg = b.build();
  const auto v = ask(reg, "a", "pci-dss", "2025-01-01");
  CHECK_FALSE(v.covered());
  REQUIRE(v.has(finding_code::merchant_only));
  CHECK(v.find(finding_code::merchant_only)->message.find("not how it handles yours") != std::string::npos);
  CHECK(ask(reg, "a", "pci-dss:saq-a", "2025-01-01").covered());
  CHECK(ask(reg, "a", "pci-dss:4.0:saq-a", "2025-01-01").covered());
  CHECK(ask(reg, "a", "pci-dss:saq-a", "2025-05-31").covered()); // retirement of 4.0 never ends it
}

TEST_CASE("C13 a listing covers from the later of listed and the program start through next_due") {
  registry_builder b;
  b.vendor("a").listing("dpf").programs({"eu-us", "uk-extension", "swiss-us"}).listed("2024-01-01").next_due("2025-01-01")
      .status(listing_status::active);
  b.vendor("b").listing("dpf").programs({"uk-extension"}).listed("2023-01-01").next_due("2025-01-01");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "dpf", "2024-01-01").covered());
  const auto v = ask(reg, "a", "dpf:swiss-us", "2024-09-01");
  CHECK_FALSE(v.covered());
  CHECK(v.next_covered_from == d("2024-09-15"));
  CHECK(v.find(finding_code::not_yet_valid)->message.find("2024-09-15") != std::string::npos);
  CHECK(ask(reg, "a", "dpf:swiss-us", "2024-09-15").covered());
  CHECK(ask(reg, "a", "dpf:uk-extension", "2025-01-01").covered());
  const auto late = ask(reg, "a", "dpf", "2025-01-02");
  CHECK_FALSE(late.covered());
  CHECK(late.has(finding_code::recertification_overdue));
  CHECK(ask(reg, "b", "dpf:uk-extension", "2024-01-01").has(finding_code::program_missing)); // needs eu-us too
}

TEST_CASE("C13 inactive and removed listings cover nothing from status_since, or at all without it") {
  registry_builder b;
  b.vendor("a").listing("dpf").programs({"eu-us"}).listed("2023-08-01").next_due("2025-08-01")
      .status(listing_status::inactive, "2024-03-01");
  b.vendor("b").listing("dpf").programs({"eu-us"}).listed("2023-08-01").next_due("2025-08-01").status(listing_status::removed);
  const auto reg = b.build();
  CHECK(ask(reg, "a", "dpf", "2024-02-29").covered());
  CHECK(ask(reg, "a", "dpf", "2024-03-01").has(finding_code::listing_inactive));
  CHECK_FALSE(ask(reg, "b", "dpf", "2023-09-01").covered());
  CHECK(ask(reg, "b", "dpf", "2023-09-01").has(finding_code::listing_inactive));
}

TEST_CASE("C13 a listing removed or inactive before next_due is listing-inactive after next_due too") {
  registry_builder b;
  b.vendor("a").listing("dpf").id("a-dpf").programs({"eu-us"}).listed("2024-01-01").next_due("2025-01-01")
      .status(listing_status::removed, "2024-06-01");
  b.vendor("b").listing("dpf").id("b-dpf").programs({"eu-us"}).listed("2024-01-01").next_due("2025-01-01")
      .status(listing_status::inactive);
  b.vendor("c").listing("dpf").id("c-dpf").programs({"eu-us"}).listed("2024-01-01").next_due("2025-01-01")
      .status(listing_status::removed, "2025-03-01"); // lapsed first, removed later
  const auto reg = b.build();
  for (const char* on : {"2024-07-01", "2025-01-01", "2025-01-02", "2026-03-01"}) {
    INFO(on);
    const auto v = ask(reg, "a", "dpf", on);
    CHECK_FALSE(v.covered());
    REQUIRE(v.findings.size() == 1);
    CHECK(v.findings[0].code == finding_code::listing_inactive);
    CHECK(v.findings[0].decisive);
    CHECK(v.findings[0].message == "The listing a-dpf is removed since 2024-06-01.");
    CHECK(v.covered_until == d("2024-05-31"));
  }
  const auto b_late = ask(reg, "b", "dpf", "2025-06-01");
  CHECK(b_late.has(finding_code::listing_inactive));
  CHECK_FALSE(b_late.has(finding_code::expired));
  const auto c_late = ask(reg, "c", "dpf", "2025-02-01");
  CHECK(c_late.has(finding_code::expired));
  CHECK(c_late.find(finding_code::expired)->message.find("2025-01-01") != std::string::npos);
}

TEST_CASE("C13 Privacy Shield's invalidation overrides every listing") {
  registry_builder b;
  b.vendor("a").listing("privacy-shield").programs({"eu-us", "swiss-us"}).listed("2016-09-01").next_due("2020-09-01");
  const auto reg = b.build();
  CHECK(ask(reg, "a", "privacy-shield", "2020-07-15").covered());
  CHECK(ask(reg, "a", "privacy-shield", "2020-07-16").has(finding_code::program_invalidated));
  CHECK_FALSE(ask(reg, "a", "privacy-shield:swiss-us", "2017-04-11").covered());
}

TEST_CASE("C14 HIPAA counts only on days a BAA with the vendor is in force") {
  registry_builder b;
  b.vendor("a").attestation("hipaa").since("2024-01-01");
  b.vendor("b").agreement(agreement_kind::baa, "2024-03-01", "2024-12-31").attestation("hipaa").since("2024-01-01");
  b.vendor("c").agreement(agreement_kind::dpa, "2024-03-01").attestation("hipaa").since("2024-01-01");
  const auto reg = b.build();
  const auto v = ask(reg, "a", "hipaa", "2025-01-01");
  CHECK_FALSE(v.covered());
  REQUIRE(v.has(finding_code::agreement_missing));
  CHECK(v.find(finding_code::agreement_missing)->message.find("BAA") != std::string::npos);
  CHECK_FALSE(ask(reg, "b", "hipaa", "2024-02-29").covered());
  CHECK(ask(reg, "b", "hipaa", "2024-03-01").covered());
  CHECK(ask(reg, "b", "hipaa", "2024-12-31").covered());
  CHECK_FALSE(ask(reg, "b", "hipaa", "2025-01-01").covered());
  CHECK_FALSE(ask(reg, "c", "hipaa", "2024-06-01").covered());
  query_options lifted;
  lifted.policy.require_agreements = false;
  CHECK(ask(reg, "a", "hipaa", "2025-01-01", lifted).covered());
}

TEST_CASE("C14 an evidence's own requires_agreement gates it; inherited evidence needs our agreement with the vendor queried") {
  registry_builder b;
  b.vendor("a").attestation("iso27001").since("2024-01-01").requires_agreement(agreement_kind::nda);
  b.vendor("shop").relies_on("host").agreement(agreement_kind::baa, "2024-01-01");
  b.vendor("host").attestation("hipaa").since("2023-01-01"); // we have no BAA with host itself
  const auto reg = b.build();
  CHECK(ask(reg, "a", "iso27001", "2024-06-01").has(finding_code::agreement_missing));
  query_options inherit;
  inherit.policy.accept_inherited = true;
  CHECK(ask(reg, "shop", "hipaa", "2024-06-01", inherit).covered());
  CHECK_FALSE(ask(reg, "host", "hipaa", "2024-06-01").covered());
}

TEST_CASE("C15 scoped evidence: out of scope when the query names another value, warning when it names none") {
  registry_builder b;
  b.vendor("c").agreement(agreement_kind::baa, "2024-01-01").attestation("hipaa").since("2024-01-01")
      .plans({"Enterprise"}).regions({"HIPAA-compliant regions"});
  const auto reg = b.build();
  query_options basic;
  basic.plan = "Basic";
  const auto v = ask(reg, "c", "hipaa", "2025-01-01", basic);
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::out_of_scope));
  query_options enterprise;
  enterprise.plan = "enterprise"; // case-insensitive
  enterprise.region = "HIPAA-compliant regions";
  CHECK(ask(reg, "c", "hipaa", "2025-01-01", enterprise).status == coverage_status::covered);
  const auto open = ask(reg, "c", "hipaa", "2025-01-01");
  CHECK(open.status == coverage_status::covered_with_warnings);
  REQUIRE(open.has(finding_code::scoped));
  CHECK(open.find(finding_code::scoped)->message.find("covers only: HIPAA-compliant regions; Enterprise") != std::string::npos);
}

TEST_CASE("C15 evidence scoped to an empty list of services says so in its warning and its refusal") {
  registry_builder b;
  b.vendor("c").certificate("iso27001").issued("2024-01-01").expires("2026-12-31").services({}).plans({"Enterprise"});
  const auto reg = b.build();
  const auto open = ask(reg, "c", "iso27001", "2025-01-01");
  CHECK(open.status == coverage_status::covered_with_warnings);
  REQUIRE(open.has(finding_code::scoped));
  CHECK(open.find(finding_code::scoped)->message == "c-iso27001-1 covers only: no services; Enterprise. Name the service, "
                                                      "region or plan in the query to confirm yours is included.");
  query_options email;
  email.service = "email";
  const auto named = ask(reg, "c", "iso27001", "2025-01-01", email);
  REQUIRE(named.has(finding_code::out_of_scope));
  CHECK(named.find(finding_code::out_of_scope)->message == "c-iso27001-1 covers no services, not email.");
}

TEST_CASE("C16 inherited evidence counts only when accepted, restricted to the link's services, transitively") {
  registry_builder b;
  b.vendor("cloudant").relies_on("softlayer", {"Cloudant Enterprise"});
  b.vendor("softlayer").relies_on("dc");
  b.vendor("softlayer").report("ssae16").period("2015-10-01", "2016-03-31");
  b.vendor("dc").certificate("iso27001").issued("2015-01-01").expires("2017-12-31");
  const auto reg = b.build();
  const auto plain = ask(reg, "cloudant", "soc1", "2016-06-01");
  CHECK_FALSE(plain.covered());
  CHECK(plain.has(finding_code::inherited)); // says what accepting inherited evidence would do
  query_options inherit;
  inherit.policy.accept_inherited = true;
  const auto v = ask(reg, "cloudant", "soc1", "2016-06-01", inherit);
  CHECK(v.covered());
  CHECK(v.has(finding_code::inherited));
  CHECK(v.has(finding_code::scoped)); // only Cloudant Enterprise runs on it
  CHECK(ask(reg, "cloudant", "iso27001", "2016-06-01", inherit).covered()); // transitive
  inherit.service = "Cloudant Standard";
  CHECK(ask(reg, "cloudant", "soc1", "2016-06-01", inherit).has(finding_code::out_of_scope));
  inherit.service = "cloudant enterprise";
  CHECK(ask(reg, "cloudant", "soc1", "2016-06-01", inherit).status == coverage_status::covered);
}

TEST_CASE("C16 a long relies_on chain is followed to its end, and the thread keeps few decoded vendors after") {
  registry_builder b;
  constexpr int length = 200;
  for (int i = 0; i + 1 < length; ++i) b.vendor("v" + std::to_string(i)).relies_on("v" + std::to_string(i + 1));
  b.vendor("v" + std::to_string(length - 1)).certificate("iso27001").issued("2024-01-01").expires("2026-12-31");
  const auto reg = b.build();
  query_options inherit;
  inherit.policy.accept_inherited = true;
  CHECK(ask(reg, "v0", "iso27001", "2025-06-01", inherit).covered()); // 199 links away
  CHECK_FALSE(ask(reg, "v0", "iso27001", "2025-06-01").covered());
  CHECK(detail::decoded_vendor_pool_size() <= 32);
  CHECK(detail::decoded_vendor_pool_size() > 0);
}

TEST_CASE("C16 a vendor reached by two relies_on paths lends its evidence once") {
  // app relies on web and db, and both rely on dc: dc is reached twice, and counted once.
  registry_builder b;
  b.vendor("app").relies_on("web").relies_on("db");
  b.vendor("web").relies_on("dc");
  b.vendor("db").relies_on("dc");
  b.vendor("dc").certificate("iso27001").issued("2024-01-01").expires("2026-12-31");
  const auto reg = b.build();
  query_options inherit;
  inherit.policy.accept_inherited = true;
  const auto v = ask(reg, "app", "iso27001", "2025-06-01", inherit);
  CHECK(v.covered());
  CHECK(v.satisfied_by.size() == 1);
  CHECK(std::count_if(v.findings.begin(), v.findings.end(),
                      [](const finding& f) { return f.code == finding_code::inherited; }) == 1);
}

TEST_CASE("C16 a vendor relied on through an alias in another case is the one the load resolved, at build and at query time") {
  // The query path finds each vendor relied on by its name in the query index; the registry's
  // own answers (is_covered, computed while loading under a policy that accepts inherited
  // evidence) come from the load's resolution of the same names. Each link must reach its own
  // vendor, with its own services.
  registry_builder b;
  b.policy().accept_inherited = true;
  b.vendor("app").relies_on("HOST-Cloud", {"api"}).relies_on("Decoy", {"mail"});
  b.vendor("host").alias("host-cloud").certificate("iso27001").id("host-27001").issued("2024-01-01").expires("2026-12-31");
  b.vendor("decoy").alias("host-cloud-eu").certificate("iso27001").id("decoy-27001").issued("2020-01-01").expires("2022-12-31");
  const auto reg = b.build();
  const auto req = reg.parse("iso27001");
  CHECK(reg.is_covered("app", req, date(2025, 6, 1)));
  CHECK(reg.is_covered("app", req, date(2021, 6, 1)));
  CHECK_FALSE(reg.is_covered("app", req, date(2023, 6, 1)));
  query_options api;
  api.service = "api";
  const auto v = reg.check("app", req, date(2025, 6, 1), api);
  CHECK(v.covered());
  REQUIRE(v.satisfied_by.size() == 1);
  CHECK(v.satisfied_by[0].str() == "host-27001");
  query_options mail;
  mail.service = "mail";
  CHECK_FALSE(reg.check("app", req, date(2025, 6, 1), mail).covered()); // host is relied on for the api only
  CHECK(reg.check("app", req, date(2021, 6, 1), mail).covered());
  // Without inheritance, the C16 hint asks the same vendors.
  query_options own;
  own.policy.accept_inherited = false;
  const auto plain = reg.check("app", req, date(2025, 6, 1), own);
  CHECK_FALSE(plain.covered());
  CHECK(plain.has(finding_code::inherited));
  CHECK_FALSE(reg.check("app", req, date(2023, 6, 1), own).has(finding_code::inherited));
}

TEST_CASE("C16 a relies_on cycle is a load error") {
  registry_builder b;
  b.vendor("a").relies_on("b");
  b.vendor("b").relies_on("c");
  b.vendor("c").relies_on("a");
  const auto r = b.try_build();
  REQUIRE_FALSE(r.has_value());
  REQUIRE(r.error().items.size() == 1);
  CHECK(r.error().items[0].code == errc::relies_on_cycle);
  CHECK(r.error().items[0].pointer == "/vendors/2/relies_on/0/vendor");
  CHECK(r.error().items[0].message.find("a -> b -> c -> a") != std::string::npos);
}

TEST_CASE("C17 a minimum assurance ignores weaker evidence") {
  registry_builder b;
  b.vendor("a").self_assessment("iso27001").completed("2024-01-01").valid_until("2024-12-31");
  b.vendor("a").certificate("iso27001").issued("2024-06-01").expires("2027-05-31");
  const auto reg = b.build();
  query_options certified;
  certified.minimum_assurance = assurance::certified;
  const auto v = ask(reg, "a", "iso27001", "2024-03-01", certified);
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::assurance_insufficient));
  CHECK(ask(reg, "a", "iso27001", "2024-03-01").covered());
  CHECK(ask(reg, "a", "iso27001", "2024-07-01", certified).covered());
  CHECK(assurance_of(evidence_type::certificate) > assurance_of(evidence_type::report));
  CHECK(assurance_of(evidence_type::report) > assurance_of(evidence_type::self_assessment));
  CHECK(assurance_of(evidence_type::self_assessment) > assurance_of(evidence_type::listing));
  CHECK(assurance_of(evidence_type::listing) > assurance_of(evidence_type::attestation));
}

TEST_CASE("C18 guidance and laws are not certifiable in the catalog") {
  for (const char* id : {"iso27002", "hipaa", "gdpr", "ccpa"}) CHECK_FALSE(catalog::builtin().find(id)->certifiable);
  CHECK(catalog::builtin().find("iso27001")->certifiable);
}

TEST_CASE("Q2 | unites and & intersects; the deciding branches' findings are marked") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2022-12-31");
  b.vendor("a").report("soc2").period("2022-07-01", "2023-06-30");
  const auto reg = b.build();
  const auto any = ask(reg, "a", "iso27001 | soc2:type2", "2023-03-01");
  CHECK(any.covered());
  CHECK(any.covered_since == d("2022-01-01"));
  CHECK(any.covered_until == d("2024-06-30"));
  const auto all = ask(reg, "a", "iso27001 & soc2:type2", "2023-03-01");
  CHECK_FALSE(all.covered());
  CHECK(all.covered_since == d("2022-07-01"));
  CHECK(all.covered_until == d("2022-12-31"));
  REQUIRE(all.has(finding_code::expired));
  CHECK(all.find(finding_code::expired)->decisive);
  REQUIRE(all.has(finding_code::opinion_unknown)); // from the branch that covers: kept, not decisive
  CHECK_FALSE(all.find(finding_code::opinion_unknown)->decisive);
}

TEST_CASE("W1 the expiring worklist: runs ending within the window, soonest first, with the renewal") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2025-01-20");
  b.vendor("a").report("soc2").period("2023-01-01", "2023-12-31"); // current through 2024-12-31
  b.vendor("b").certificate("iso27001").issued("2022-01-01").expires("2025-01-10");
  b.vendor("b").certificate("iso27001").issued("2025-01-05").expires("2028-01-04"); // renewed already
  b.vendor("c").agreement(agreement_kind::baa, "2024-01-01", "2025-01-15").attestation("hipaa").since("2023-01-01");
  b.vendor("d").certificate("iso27001").issued("2024-01-15").expires("2027-01-14").track_audits();
  const auto reg = b.build();
  const auto items = reg.expiring(d("2024-12-20"), 31);
  REQUIRE(items.size() == 4);
  CHECK(items[0].vendor == vendor_id("a"));
  CHECK(items[0].renewal == renewal_kind::new_report_or_bridge_letter);
  CHECK(items[0].ends == d("2024-12-31"));
  CHECK(items[0].days_left == 11);
  CHECK(items[1].vendor == vendor_id("c"));
  CHECK(items[1].renewal == renewal_kind::agreement_renewal);
  CHECK(items[2].vendor == vendor_id("d"));
  CHECK(items[2].renewal == renewal_kind::surveillance_audit);
  CHECK(items[2].ends == d("2025-01-15"));
  CHECK(items[3].renewal == renewal_kind::recertification_audit);
  CHECK(items[3].ends == d("2025-01-20"));
  CHECK(items[3].message.find("recertification audit") != std::string::npos);
}

TEST_CASE("W2 the matrix: status and days left per vendor and requirement") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2025-01-20");
  b.vendor("b").report("soc2").period("2023-01-01", "2023-12-31").opinion(opinion::qualified);
  const auto reg = b.build();
  const auto m = reg.matrix({reg.parse("iso27001"), reg.parse("soc2")}, d("2024-12-20"));
  REQUIRE(m.vendors.size() == 2);
  CHECK(m.requirements == std::vector<std::string>{"iso27001", "soc2"});
  CHECK(m.cells[0][0].status == coverage_status::covered);
  CHECK(m.cells[0][0].days_left == 31);
  CHECK(m.cells[0][1].status == coverage_status::not_covered);
  CHECK_FALSE(m.cells[0][1].days_left);
  CHECK(m.cells[1][1].status == coverage_status::covered_with_warnings);
}

TEST_CASE("W2 the frameworks in use are those some vendor holds evidence for, in catalog order") {
  registry_builder b;
  b.vendor("a").listing("dpf").listed("2023-08-01").next_due("2024-08-01");
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2025-01-20");
  b.vendor("b").report("soc2").period("2023-01-01", "2023-12-31");
  b.vendor("c").certificate("iso27001").issued("2023-01-01").expires("2026-01-20");
  b.vendor("d").agreement(agreement_kind::baa, "2023-01-01");
  const auto reg = b.build();
  std::vector<framework_id> expected;
  for (const auto& row : reg.frameworks().rows()) // catalog order, whatever it is
    if (row.id.str() == "dpf" || row.id.str() == "iso27001" || row.id.str() == "soc2") expected.push_back(row.id);
  REQUIRE(expected.size() == 3);
  CHECK(reg.frameworks_in_use() == expected);
  CHECK(registry().frameworks_in_use().empty());
  // The same as reading every vendor whole, on a generated registry.
  const auto big = registry::build(generator::generate(300, 4)).value();
  std::vector<framework_id> whole;
  const auto data = big.data();
  for (const auto& row : big.frameworks().rows())
    if (std::any_of(data.vendors.begin(), data.vendors.end(), [&](const vendor& v) {
          return std::any_of(v.evidence.begin(), v.evidence.end(), [&](const evidence& e) { return e.framework == row.id; });
        }))
      whole.push_back(row.id);
  CHECK(big.frameworks_in_use() == whole);
  CHECK(whole.size() > 8);
}

TEST_CASE("W3 coverage gives covered runs and gaps within a range") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2022-12-31");
  b.vendor("a").certificate("iso27001").issued("2023-03-01").expires("2026-02-28");
  const auto reg = b.build();
  const auto c = reg.coverage("a", reg.parse("iso27001"), {d("2021-06-01"), d("2024-01-01")});
  CHECK(c.covered == interval_set{{d("2022-01-01"), d("2022-12-31")}, {d("2023-03-01"), d("2024-01-01")}});
  CHECK(c.gaps == interval_set{{d("2021-06-01"), d("2021-12-31")}, {d("2023-01-01"), d("2023-02-28")}});
  const auto unknown = reg.coverage("nobody", reg.parse("iso27001"), {d("2021-06-01"), d("2024-01-01")});
  CHECK_FALSE(unknown.vendor);
  CHECK(unknown.gaps == interval_set{{d("2021-06-01"), d("2024-01-01")}});
}

TEST_CASE("W4 covered_vendors lists every vendor covered on the date") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2025-01-20");
  b.vendor("b").certificate("iso27001").issued("2020-01-01").expires("2022-12-31");
  b.vendor("c").certificate("iso27001").issued("2023-01-01").expires("2025-12-31");
  const auto reg = b.build();
  CHECK(reg.covered_vendors(reg.parse("iso27001"), d("2024-06-01")) == std::vector<vendor_id>{vendor_id("a"), vendor_id("c")});
}

TEST_CASE("G5 building refuses duplicates, dangling references, unknown frameworks and inverted intervals, listing all") {
  registry_builder b;
  b.vendor("a").relies_on("ghost").certificate("iso2700").issued("2024-01-01").expires("2023-01-01");
  b.vendor("B!");
  b.vendor("c").alias("A");
  b.vendor("c").report("soc2").id("dup");
  b.vendor("c").report("soc2").id("dup").period("2024-01-01", "2024-06-30");
  const auto r = b.try_build();
  REQUIRE_FALSE(r.has_value());
  std::vector<std::pair<errc, std::string>> got;
  for (const auto& x : r.error().items) got.emplace_back(x.code, x.pointer);
  const std::vector<std::pair<errc, std::string>> want = {
      {errc::unknown_framework, "/vendors/0/evidence/0/framework"},
      {errc::bad_interval, "/vendors/0/evidence/0/expires"},
      {errc::bad_id, "/vendors/1/id"},
      {errc::duplicate_id, "/vendors/2/aliases/0"},
      {errc::missing_field, "/vendors/2/evidence/0/period"},
      {errc::duplicate_id, "/vendors/2/evidence/1/id"},
      {errc::dangling_reference, "/vendors/0/relies_on/0/vendor"},
  };
  CHECK(got == want);
  CHECK(r.error().items[0].message.find("iso27001") != std::string::npos); // did you mean
  CHECK_THROWS_AS(b.build(), document_error);
}

TEST_CASE("G5 building reports every missing or inverted date at its own member's pointer") {
  // registry_data made by hand (as a program would), so each check of registry::build is reached.
  registry_data data;
  vendor a;
  a.id = vendor_id("a");
  agreement late;
  late.kind = agreement_kind::baa;
  late.signed_on = d("2024-05-01");
  late.ends = d("2024-04-30");
  a.agreements = {agreement{agreement_kind::dpa, d("2024-01-01"), std::nullopt}, late};
  certificate c;
  c.expires = d("2026-01-01"); // issued missing
  c.status = {status_event{status_state::suspended, d("2024-03-01"), d("2024-04-01")},
              status_event{status_state::suspended, d("2024-06-01"), d("2024-05-01")}};
  c.audits = std::vector<audit>{audit{audit_kind::surveillance, date(), audit_outcome::passed}};
  report type1;
  type1.kind = report_type::type1; // as_of missing
  type1.bridge_letters = {bridge_letter{std::nullopt, d("2025-01-01")}, bridge_letter{std::nullopt, date()}};
  report inverted;
  inverted.period_from = d("2024-06-30");
  inverted.period_to = d("2024-01-01");
  self_assessment saq{std::nullopt, d("2024-06-01"), d("2024-05-31"), std::nullopt};
  listing l{{"eu-us"}, d("2024-06-01"), d("2024-05-01"), std::nullopt, std::nullopt};
  attestation at{d("2024-06-01"), d("2024-01-01"), std::nullopt};
  const std::vector<std::pair<const char*, decltype(evidence::details)>> kinds = {
      {"iso27001", c}, {"soc2", type1}, {"soc2", inverted}, {"pci-dss", saq}, {"dpf", l}, {"hipaa", at}};
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    evidence e;
    e.id = evidence_id("a-" + std::to_string(k));
    e.framework = framework_id(kinds[k].first);
    e.details = kinds[k].second;
    a.evidence.push_back(e);
  }
  vendor b;
  b.id = vendor_id("b");
  b.aliases = {"b-cloud", "A"}; // the second is vendor a's name
  data.vendors = {a, b};
  const auto r = registry::build(data);
  REQUIRE_FALSE(r.has_value());
  std::vector<std::pair<errc, std::string>> got;
  for (const auto& x : r.error().items) got.emplace_back(x.code, x.pointer);
  const std::vector<std::pair<errc, std::string>> want = {
      {errc::bad_interval, "/vendors/0/agreements/1/ends"},
      {errc::missing_field, "/vendors/0/evidence/0/issued"},
      {errc::bad_interval, "/vendors/0/evidence/0/status/1/to"},
      {errc::missing_field, "/vendors/0/evidence/0/audits/0/date"},
      {errc::missing_field, "/vendors/0/evidence/1/as_of"},
      {errc::missing_field, "/vendors/0/evidence/1/bridge_letters/1/through"},
      {errc::bad_interval, "/vendors/0/evidence/2/period"},
      {errc::bad_interval, "/vendors/0/evidence/3/valid_until"},
      {errc::bad_interval, "/vendors/0/evidence/4/next_due"},
      {errc::bad_interval, "/vendors/0/evidence/5/until"},
      {errc::duplicate_id, "/vendors/1/aliases/1"},
  };
  CHECK(got == want);
}

TEST_CASE("G5 the timeline paints each lane from the same sets: covered, grace, bridge, removed, marks") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").id("cert").issued("2022-01-01").expires("2024-12-31")
      .audit(audit_kind::surveillance, "2022-12-20").audit(audit_kind::surveillance, "2023-12-15")
      .suspended("2023-06-01", "2023-06-30");
  b.vendor("a").report("soc2").id("soc").period("2023-01-01", "2023-12-31").bridge_letter("2024-02-15");
  b.vendor("a").agreement(agreement_kind::baa, "2023-03-01");
  b.policy().report_grace_months = 1;
  const auto reg = b.build();
  const interval range{d("2022-06-01"), d("2025-06-01")};
  const auto t = reg.timeline("a", range, d("2024-01-20"));
  REQUIRE(t.vendor);
  REQUIRE(t.lanes.size() == 3);
  const auto& cert = t.lanes[0];
  CHECK(cert.evidence == evidence_id("cert"));
  REQUIRE(cert.segments.size() == 3);
  CHECK(cert.segments[0].days == interval{d("2022-06-01"), d("2023-05-31")}); // clipped to the range
  CHECK(cert.segments[1].kind == segment_kind::removed);
  CHECK(cert.segments[1].code == finding_code::suspended);
  CHECK(cert.segments[2].days == interval{d("2023-07-01"), d("2024-12-31")});
  REQUIRE(cert.marks.size() == 5); // two audits, their two due dates (C5), the suspension
  CHECK(cert.marks[0].label == "surveillance audit (passed)");
  CHECK(cert.marks[1].on == d("2023-01-01"));
  CHECK(cert.marks[1].label == "surveillance 1 due (met)");
  CHECK(cert.marks[2].label == "suspended");
  CHECK(cert.marks[4].on == d("2024-01-01"));
  CHECK(cert.marks[4].label == "surveillance 2 due (met)");
  const auto& soc = t.lanes[1];
  REQUIRE(soc.segments.size() == 2);
  CHECK(soc.segments[0].kind == segment_kind::covered);
  CHECK(soc.segments[1].kind == segment_kind::bridge); // painted over the one-month grace it outlasts
  CHECK(soc.segments[1].days == interval{d("2024-01-01"), d("2024-02-15")});
  const auto& baa = t.lanes[2];
  CHECK_FALSE(baa.evidence);
  CHECK(baa.segments[0].days == interval{d("2023-03-01"), d("2025-06-01")});
  // Every covered day of a lane is a day the evidence covers its framework (G5).
  const auto cov = reg.coverage("a", reg.parse("iso27001"), range);
  interval_set painted;
  for (const auto& s : cert.segments)
    if (s.kind != segment_kind::removed) painted.add(s.days);
  CHECK(painted == cov.covered);
  CHECK_FALSE(reg.timeline("nobody", range, d("2024-01-20")).vendor);
}

TEST_CASE("C12 a merchant-only SAQ keeps its own timeline lane and renewal, under its explicit variant") {
  registry_builder b;
  b.vendor("shop").self_assessment("pci-dss").variant("saq-a").edition("4.0").completed("2024-06-01");
  const auto reg = b.build();
  const auto t = reg.timeline("shop", {d("2024-01-01"), d("2025-12-31")}, d("2025-01-01"));
  REQUIRE(t.lanes.size() == 1);
  REQUIRE(t.lanes[0].segments.size() == 1);
  CHECK(t.lanes[0].segments[0].days == interval{d("2024-06-01"), d("2025-05-31")});
  const auto items = reg.expiring(d("2025-05-01"), 60);
  REQUIRE(items.size() == 1);
  CHECK(items[0].requirement == "pci-dss:saq-a");
  CHECK(items[0].renewal == renewal_kind::new_self_assessment);
}

TEST_CASE("G5 is_covered answers from the index exactly as check does, at the index's edges") {
  // The index keeps up to eight runs inline with days from 1990-01-01 in 16 bits, and names of
  // up to fifteen bytes in the slot itself, their length beside them (fast_index.hpp); anything
  // else spills to a blob or to the long names. Both layouts, and the edges between them, must
  // answer as the engine does.
  registry_builder b;
  b.vendor("before-1990").certificate("iso27001").issued("1985-01-01").expires("1987-12-31"); // spills: before the base
  b.vendor("open-ended").agreement(agreement_kind::dpa, "1990-01-01").attestation("gdpr").since("1990-01-01"); // inline, open
  b.vendor("far-future").certificate("iso27001").issued("2150-01-01").expires("2175-01-01");   // spills: past 16 bits
  b.vendor("sixteen-chars-id").alias("an alias longer than sixteen bytes").alias("AN ALIAS LONGER THAN SIXTEEN BYTES")
      .alias("Sixteen-Chars-ID") // the same names again, in another case: one slot each
      .certificate("iso27001").issued("2020-01-01").expires("2022-12-31");
  b.vendor("fifteen-char-id").alias("Sixteen-Char-Ali").certificate("iso27001").issued("2021-01-01").expires("2021-12-31");
  b.vendor("short").certificate("iso27001").issued("2021-01-01").expires("2021-12-31");
  auto many = b.vendor("nine-runs");                                                       // spills: nine runs
  for (int y = 0; y < 9; ++y) {
    const auto year = std::to_string(2010 + 2 * y);
    many.certificate("iso27001").id("nine-" + year).issued(year + "-01-01").expires(year + "-06-30");
  }
  auto eight = b.vendor("eight-runs");                                                     // inline: eight runs
  for (int y = 0; y < 8; ++y) {
    const auto year = std::to_string(2010 + 2 * y);
    eight.certificate("iso27001").id("eight-" + year).issued(year + "-01-01").expires(year + "-06-30");
  }
  const auto reg = b.build();
  const auto iso = reg.parse("iso27001"), gdpr = reg.parse("gdpr");
  struct probe_case {
    const char* vendor;
    const requirement& req;
    const char* on;
    bool expected;
  };
  const probe_case cases[] = {
      {"before-1990", iso, "1984-12-31", false}, {"before-1990", iso, "1985-01-01", true},
      {"before-1990", iso, "1987-12-31", true},  {"before-1990", iso, "1988-01-01", false},
      {"open-ended", gdpr, "1989-12-31", false}, {"open-ended", gdpr, "1990-01-01", true},
      {"open-ended", gdpr, "2169-06-06", true},  {"open-ended", gdpr, "2169-06-07", true},
      {"open-ended", gdpr, "9999-12-31", true},  {"open-ended", iso, "2000-01-01", false},
      {"far-future", iso, "2149-12-31", false},  {"far-future", iso, "2150-01-01", true},
      {"far-future", iso, "2175-01-01", true},   {"far-future", iso, "2175-01-02", false},
      {"SIXTEEN-CHARS-ID", iso, "2022-12-31", true}, {"An Alias Longer Than Sixteen Bytes", iso, "2020-01-01", true},
      {"an alias longer than sixteen byte", iso, "2020-01-01", false}, {"sixteen-chars-i", iso, "2020-01-01", false},
      {"an alias longer than sixteen bytes", iso, "2022-12-31", true}, {"sixteen-chars-id", iso, "2023-01-01", false},
      {"nine-runs", iso, "2026-06-30", true},    {"nine-runs", iso, "2026-07-01", false},
      {"nine-runs", iso, "2009-12-31", false},   {"nine-runs", iso, "2025-12-31", false},
      {"eight-runs", iso, "2024-06-30", true},   {"eight-runs", iso, "2024-07-01", false},
      {"eight-runs", iso, "2010-01-01", true},   {"eight-runs", iso, "2026-01-01", false},
      {"eight-runs", iso, "2012-06-30", true},   {"eight-runs", iso, "2011-12-31", false},
      {"FIFTEEN-CHAR-ID", iso, "2021-12-31", true}, {"fifteen-char-i", iso, "2021-06-01", false},
      {"fifteen-char-idx", iso, "2021-06-01", false}, {"sixteen-char-ali", iso, "2021-01-01", true},
      {"Sixteen-Char-Al", iso, "2021-01-01", false}, {"short", iso, "2022-01-01", false},
      {"short", iso, "1990-01-01", false},       {"short", gdpr, "1990-01-01", false}, // lanes without a run
  };
  for (const auto& c : cases) {
    INFO(std::string(c.vendor) << " " << to_string(c.req) << " " << std::string(c.on));
    CHECK(reg.is_covered(c.vendor, c.req, d(c.on)) == c.expected);
    CHECK(reg.check(c.vendor, c.req, d(c.on)).covered() == c.expected);
    point_query q{c.vendor, d(c.on)};
    bool batch = !c.expected;
    reg.is_covered(c.req, &q, 1, &batch);
    CHECK(batch == c.expected);
  }
  // A name is its bytes and its length: trailing zero bytes make another name, also where a
  // slot keeps the name zero-padded.
  for (const std::string_view padded : {std::string_view("short\0", 6), std::string_view("fifteen-char-i\0", 15)}) {
    INFO(padded.size());
    CHECK_FALSE(reg.is_covered(padded, iso, d("2021-06-01")));
    CHECK_FALSE(reg.check(padded, iso, d("2021-06-01")).covered());
  }
  CHECK(reg.is_covered("short", iso, d("2021-06-01")));
}

TEST_CASE("G5 one requirement asked of several registries, copied and changed, is answered by each as check does") {
  // is_covered notes in the requirement how a registry answers it; the note must never carry
  // over to another registry, a changed requirement, or an assignment.
  registry_builder custom;
  framework_info row;
  row.id = framework_id("acme-vendor-review");
  row.typical = evidence_type::self_assessment;
  row.validity_months = 12;
  custom.framework(row);
  custom.vendor("v").self_assessment("acme-vendor-review").completed("2024-03-01");
  custom.vendor("v").certificate("iso27001").issued("2023-01-01").expires("2025-12-31");
  custom.vendor("w").report("soc2").period("2024-01-01", "2024-12-31");
  const auto with_row = custom.build();
  // Another registry whose own added row sits where the first one's does, held by the same vendor.
  registry_builder plain;
  framework_info other = row;
  other.id = framework_id("acme-other-review");
  plain.framework(other);
  plain.vendor("v").self_assessment("acme-other-review").completed("2024-03-01");
  plain.vendor("v").certificate("iso27001").issued("2023-01-01").expires("2025-12-31");
  plain.vendor("w").report("soc2").period("2024-01-01", "2024-12-31");
  const auto without_row = plain.build();
  REQUIRE(with_row.frameworks().find("acme-vendor-review") - with_row.frameworks().rows().data() ==
          without_row.frameworks().find("acme-other-review") - without_row.frameworks().rows().data());

  const date on = d("2024-06-01");
  atom review;
  review.framework = framework_id("acme-vendor-review");
  const requirement local = requirement::of(review); // unknown to one catalog, known to the other
  for (int round = 0; round < 2; ++round) {
    CHECK(with_row.is_covered("v", local, on));
    CHECK_FALSE(without_row.is_covered("v", local, on));
  }
  CHECK(with_row.check("v", local, on).covered());

  atom iso;
  iso.framework = framework_id("iso27001");
  requirement grown = requirement::of(iso);
  CHECK_FALSE(without_row.is_covered("w", grown, on));
  atom soc;
  soc.framework = framework_id("soc2");
  grown.add_node({requirement::op::atom, grown.add_atom(soc), {}});
  grown.add_node({requirement::op::any_of, 0, {0, 1}}); // now iso27001 | soc2
  CHECK(without_row.is_covered("w", grown, on));
  CHECK(without_row.check("w", grown, on).covered());

  requirement assigned = requirement::of(iso);
  CHECK(with_row.is_covered("v", assigned, on));
  assigned = local;
  CHECK(with_row.is_covered("v", assigned, on));
  assigned = requirement::of(soc);
  CHECK_FALSE(with_row.is_covered("v", assigned, on));
  CHECK(with_row.is_covered("w", assigned, on));
  const requirement copied = assigned;
  CHECK(with_row.is_covered("w", copied, on));
  CHECK_FALSE(without_row.is_covered("v", copied, on));
}

TEST_CASE("G2 the load-time name table finds every name in any case, and keeps the first value") {
  // Built with no size hint, so it grows (rehashes) many times on the way.
  std::vector<std::string> names;
  for (int i = 0; i < 5000; ++i) names.push_back(i % 2 ? "Vendor-" + std::to_string(i) : "a-vendor-with-a-long-name-" + std::to_string(i));
  detail::name_table<true> any_case;
  detail::name_table<false> exact;
  for (std::size_t i = 0; i < names.size(); ++i) {
    CHECK(any_case.insert(names[i], i).second);
    CHECK(exact.insert(names[i], i).second);
  }
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string upper = names[i];
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    REQUIRE(any_case.find(upper) != nullptr);
    CHECK(*any_case.find(upper) == i);
    CHECK(exact.find(upper) == nullptr);
    REQUIRE(exact.find(names[i]) != nullptr);
    CHECK(*exact.find(names[i]) == i);
    const auto again = any_case.insert(upper, 99999); // already there: the first value stands
    CHECK_FALSE(again.second);
    CHECK(again.first == i);
  }
  CHECK(any_case.find("vendor-5000") == nullptr);
  CHECK(exact.find("") == nullptr);
}

TEST_CASE("G5 a requirement prepared by one registry answers in another as the plain requirement") {
  // Two registries whose catalogs put the framework "beta" on different rows.
  framework_info alpha, beta;
  alpha.id = framework_id("alpha");
  beta.id = framework_id("beta");
  registry_builder one, two;
  one.framework(alpha).framework(beta);
  two.framework(beta);
  one.vendor("v").certificate("alpha").issued("2024-01-01").expires("2024-12-31");
  two.vendor("v").certificate("beta").issued("2024-01-01").expires("2024-12-31");
  const auto r1 = one.build(), r2 = two.build();
  const auto req = r1.parse("beta");
  const auto p1 = r1.prepare(req), p2 = r2.prepare(req);
  CHECK_FALSE(r1.is_covered("v", p1, d("2024-06-01")));
  CHECK(r2.is_covered("v", p2, d("2024-06-01")));
  CHECK(r2.is_covered("v", p1, d("2024-06-01"))); // r1's route (beta's row there) is not r2's
  CHECK_FALSE(r1.is_covered("v", p2, d("2024-06-01")));
  CHECK(r2.check("v", p1, d("2024-06-01")).covered());
  CHECK(p1.requirement() == req);
  const registry copy = r1; // a copy shares the registry: the preparation holds
  CHECK_FALSE(copy.is_covered("v", p1, d("2024-06-01")));
}
