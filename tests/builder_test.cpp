#include "compliance/builder.hpp"

#include <doctest/doctest.h>

using namespace compliance;

TEST_CASE("G1 the builder sets up a registry in a few lines") {
  registry_builder b;
  b.vendor("acme").certificate("iso27001").issued("2024-01-10").expires("2027-01-09");
  b.vendor("acme").name("Acme").alias("ACME Cloud").agreement(agreement_kind::baa, "2024-01-01");
  const registry reg = b.build();
  REQUIRE(reg.size() == 1);
  const auto v = reg.data().vendors[0];
  CHECK(v.name == "Acme");
  CHECK(v.evidence.size() == 1);
  CHECK(v.evidence[0].id == evidence_id("acme-iso27001-1"));
  CHECK(std::get<certificate>(v.evidence[0].details).expires == date_from_string("2027-01-09"));
  CHECK(reg.is_covered("acme cloud", reg.parse("iso27001"), date_from_string("2027-01-09")));
}

TEST_CASE("G1 the builder refuses a lenient date at once, naming it") {
  registry_builder b;
  CHECK_THROWS_WITH_AS(b.vendor("acme").certificate("iso27001").issued("2024-2-1"),
                       "not a YYYY-MM-DD calendar date: \"2024-2-1\"", std::invalid_argument);
}

TEST_CASE("G5 the builder's build() validates like a document") {
  registry_builder b;
  b.vendor("acme").certificate("iso27001").issued("2024-01-10"); // no expiry
  const auto r = b.try_build();
  REQUIRE_FALSE(r.has_value());
  CHECK(r.error().items[0].code == errc::missing_field);
  CHECK(r.error().items[0].pointer == "/vendors/0/evidence/0/expires");
  CHECK_THROWS_AS(b.build(), document_error);
}
