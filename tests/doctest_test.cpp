#include "compliance/doctest.hpp"

#include "compliance/builder.hpp"

using namespace compliance;

namespace {
registry sample() {
  registry_builder b;
  b.vendor("acme").certificate("iso27001").issued("2024-01-10").expires("2027-01-09");
  b.vendor("acme").agreement(agreement_kind::baa, "2024-02-01").attestation("hipaa").since("2024-01-01").plans({"Enterprise"});
  return b.build();
}
} // namespace

TEST_CASE("G4 CHECK_COVERED and CHECK_NOT_COVERED assert verdicts") {
  const auto reg = sample();
  CHECK_COVERED(reg, "acme", "iso27001", "2025-06-01");
  REQUIRE_COVERED(reg, "acme", "iso27001 | soc2", "2027-01-09");
  CHECK_NOT_COVERED(reg, "acme", "iso27001", "2027-01-10");
  REQUIRE_NOT_COVERED(reg, "acme", "soc2", "2025-06-01");
  query_options basic;
  basic.plan = "Basic";
  CHECK_NOT_COVERED(reg, "acme", "hipaa", "2025-06-01", basic);
}

TEST_CASE("G4 the failure message prints the verdict and its findings") {
  const auto reg = sample();
  const auto v = testing::check(reg, "acme", "hipaa", "2024-01-15");
  const auto text = testing::describe(v, "acme", "hipaa", true);
  CHECK(text.find("expected acme covered for hipaa:") == 0);
  CHECK(text.find("not-covered") != std::string::npos);
  CHECK(text.find("agreement-missing") != std::string::npos);
  CHECK(text.find("2024-01-15") != std::string::npos);
  CHECK_THROWS_AS(testing::check(reg, "acme", "iso27001 |", "2025-06-01"), expression_failure);
  CHECK_THROWS_AS(testing::check(reg, "acme", "iso27001", "2025-02-30"), std::invalid_argument);
}
