// The seed test-vector table of coverage-rules.md, run against the bundled sample registry
// (data/sample-registry.json), which encodes the four seed vendors' pages.
#include "compliance/json.hpp"

#include <doctest/doctest.h>

#include <algorithm>

using namespace compliance;

namespace {

const registry& sample() {
  static const registry reg = load_file_or_throw(COMPLIANCE_SAMPLE_REGISTRY);
  return reg;
}

verdict ask(const registry& reg, const char* vendor, const char* req, const char* on, const query_options& o = {}) {
  return reg.check(vendor, reg.parse(req), date_from_string(on), o);
}

std::optional<evidence> evidence_of(const registry& reg, const char* vendor, const char* framework) {
  const auto v = reg.find_vendor(vendor);
  REQUIRE(v.has_value());
  for (const auto& e : v->evidence)
    if (e.framework.str() == framework) return e;
  return std::nullopt;
}

/// The sample registry with one agreement of ours added, as an application would record it.
registry with_agreement(const char* vendor, agreement_kind kind, const char* signed_on) {
  auto data = sample().data();
  for (auto& v : data.vendors)
    if (v.id.str() == vendor) v.agreements.push_back({kind, date_from_string(signed_on), std::nullopt});
  return registry::build(std::move(data)).value();
}

} // namespace

TEST_CASE("C1 seed: braze iso27001 is covered on 2024-12-16 by certificate 1504855-4 (Schellman)") {
  const auto v = ask(sample(), "braze", "iso27001", "2024-12-16");
  CHECK(v.covered());
  REQUIRE(v.satisfied_by.size() == 1);
  const auto e = evidence_of(sample(), "braze", "iso27001");
  REQUIRE(e.has_value());
  CHECK(v.satisfied_by[0] == e->id);
  const auto& c = std::get<certificate>(e->details);
  CHECK(c.number == "1504855-4");
  CHECK(c.issuer.value_or("").find("Schellman") != std::string::npos);
}

TEST_CASE("C1 seed: braze iso27001 is not covered on 2024-12-17 (expired), covered until 2024-12-16") {
  const auto v = ask(sample(), "braze", "iso27001", "2024-12-17");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::expired));
  CHECK(v.covered_until == date_from_string("2024-12-16"));
}

TEST_CASE("C1 seed: braze iso27001 on 2019-06-01 is not covered by the 2021 certificate; earlier cycle unrecorded") {
  const auto v = ask(sample(), "braze", "iso27001", "2019-06-01");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::earlier_cycle_unrecorded));
}

TEST_CASE("C7 seed: braze soc2:type2 covered within its period, in grace on 2021-06-30, not on 2021-07-01") {
  CHECK(ask(sample(), "braze", "soc2:type2", "2020-03-01").covered());
  const auto grace = ask(sample(), "braze", "soc2:type2", "2021-06-30");
  CHECK(grace.covered());
  CHECK(grace.has(finding_code::report_grace));
  CHECK_FALSE(ask(sample(), "braze", "soc2:type2", "2021-07-01").covered());
}

TEST_CASE("C10 seed: braze soc2[availability] is not covered: the report covers Security only") {
  const auto v = ask(sample(), "braze", "soc2[availability]", "2020-03-01");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::criteria_missing));
}

TEST_CASE("C14 C15 seed: braze hipaa only with a BAA in force, and only for the HIPAA cluster") {
  for (const char* day : {"2022-01-01", "2023-06-15", "2025-03-01"}) {
    const auto none = ask(sample(), "braze", "hipaa", day);
    CHECK_FALSE(none.covered());
    CHECK(none.has(finding_code::agreement_missing));
  }
  const auto reg = with_agreement("braze", agreement_kind::baa, "2021-09-01");
  CHECK_FALSE(ask(reg, "braze", "hipaa", "2021-08-31").covered());
  const auto v = ask(reg, "braze", "hipaa", "2023-06-15");
  CHECK(v.covered());
  CHECK(v.status == coverage_status::covered_with_warnings);
  REQUIRE(v.has(finding_code::scoped));
  CHECK(v.find(finding_code::scoped)->message.find("HIPAA cluster") != std::string::npos);
  query_options cluster;
  cluster.service = "HIPAA cluster";
  CHECK(ask(reg, "braze", "hipaa", "2023-06-15", cluster).status == coverage_status::covered);
  query_options other;
  other.service = "Marketing cloud";
  CHECK(ask(reg, "braze", "hipaa", "2023-06-15", other).has(finding_code::out_of_scope));
}

TEST_CASE("C12 seed: clickhouse pci-dss on 2025-01-01 is not covered: SAQ A v4.0 is merchant-only") {
  const auto v = ask(sample(), "clickhouse", "pci-dss", "2025-01-01");
  CHECK_FALSE(v.covered());
  CHECK(v.has(finding_code::merchant_only));
  CHECK(ask(sample(), "clickhouse", "pci-dss:saq-a", "2025-01-01").covered());
}

TEST_CASE("C14 seed: clickhouse hipaa on 2025-01-01 on the Enterprise plan is covered only with a BAA") {
  query_options enterprise;
  enterprise.plan = "Enterprise";
  const auto none = ask(sample(), "clickhouse", "hipaa", "2025-01-01", enterprise);
  CHECK_FALSE(none.covered());
  CHECK(none.has(finding_code::agreement_missing));
  const auto reg = with_agreement("clickhouse", agreement_kind::baa, "2024-06-01");
  CHECK(ask(reg, "clickhouse", "hipaa", "2025-01-01", enterprise).covered());
  query_options basic;
  basic.plan = "Basic";
  CHECK(ask(reg, "clickhouse", "hipaa", "2025-01-01", basic).has(finding_code::out_of_scope));
  CHECK(ask(reg, "ClickHouse Cloud", "hipaa", "2025-01-01", enterprise).covered()); // the alias (G2)
}

TEST_CASE("C13 seed: clickhouse dpf:swiss-us is not covered before 2024-09-15") {
  const auto v = ask(sample(), "clickhouse", "dpf:swiss-us", "2024-09-01");
  CHECK_FALSE(v.covered());
  CHECK(v.next_covered_from == date_from_string("2024-09-15"));
  CHECK(ask(sample(), "clickhouse", "dpf:swiss-us", "2024-09-15").covered());
  CHECK(ask(sample(), "clickhouse", "dpf:eu-us", "2024-09-01").covered());
}

TEST_CASE("C16 C11 seed: cloudant soc1 is inherited from its host (SSAE 16 / ISAE 3402), only with accept_inherited") {
  const auto own = ask(sample(), "cloudant", "soc1", "2016-06-01");
  CHECK_FALSE(own.covered());
  CHECK(own.has(finding_code::inherited)); // says inherited evidence would answer
  query_options inherit;
  inherit.policy.accept_inherited = true;
  const auto v = ask(sample(), "cloudant", "soc1", "2016-06-01", inherit);
  CHECK(v.covered());
  CHECK(v.has(finding_code::inherited));
  CHECK(v.has(finding_code::equivalent));
}

TEST_CASE("C18 seed: cloudant's iso27002 certificate is linted not-certifiable") {
  const auto found = lint_file(COMPLIANCE_SAMPLE_REGISTRY);
  const bool flagged = std::any_of(found.begin(), found.end(), [](const diagnostic& d) {
    return d.lint_code == "not-certifiable" && d.pointer.find("/vendors/") == 0 && d.level == diagnostic_level::warning;
  });
  CHECK(flagged);
  for (const auto& d : found) CHECK_MESSAGE(d.level != diagnostic_level::error, d.message);
}

TEST_CASE("C5 seed: aiven iso27001 13 months after issue with no surveillance audit is covered with a warning") {
  const auto e = evidence_of(sample(), "aiven", "iso27001");
  REQUIRE(e.has_value());
  const auto& c = std::get<certificate>(e->details);
  REQUIRE(c.audits);
  const date thirteen = add_months(c.issued, 13);
  const auto v = sample().check("aiven", sample().parse("iso27001"), thirteen);
  CHECK(v.covered());
  CHECK(v.status == coverage_status::covered_with_warnings);
  CHECK(v.has(finding_code::surveillance_overdue));
}
