#include "compliance/evidence.hpp"

#include <doctest/doctest.h>

using namespace compliance;

TEST_CASE("C17 the evidence type is read off the details and fixes the assurance") {
  evidence e;
  e.details = listing{};
  CHECK(e.type() == evidence_type::listing);
  CHECK(assurance_of(e.type()) == assurance::self_certified);
  e.details = certificate{};
  CHECK(assurance_of(e.type()) == assurance::certified);
  CHECK(to_string(evidence_type::self_assessment) == "self-assessment");
  CHECK(enum_from_string<audit_outcome>("major-nonconformity") == audit_outcome::major_nonconformity);
  CHECK(enum_from_string<reliance_method>("carve-out") == reliance_method::carve_out);
  CHECK_FALSE(enum_from_string<opinion>("Unqualified")); // exact spelling only
}
