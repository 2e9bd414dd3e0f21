#include "compliance/id.hpp"

#include <doctest/doctest.h>

#include <type_traits>

using namespace compliance;

// Distinct id types: a vendor id is not a framework id is not an evidence id, and no plain
// string turns into one by accident.
static_assert(!std::is_convertible_v<vendor_id, framework_id>);
static_assert(!std::is_convertible_v<framework_id, vendor_id>);
static_assert(!std::is_convertible_v<evidence_id, vendor_id>);
static_assert(!std::is_convertible_v<vendor_id, evidence_id>);
static_assert(!std::is_convertible_v<std::string, vendor_id>);
static_assert(!std::is_convertible_v<const char*, framework_id>);
static_assert(!std::is_assignable_v<vendor_id&, framework_id>);
static_assert(std::is_constructible_v<vendor_id, std::string>);

TEST_CASE("G2 an id assigned again holds exactly the new value, longer or shorter") {
  evidence_id id("a");
  id.assign("vendor-1000000-e12-a-long-evidence-id"); // past any small-string buffer
  CHECK(id == evidence_id("vendor-1000000-e12-a-long-evidence-id"));
  id.assign("b-2");
  CHECK(id.str() == "b-2");
  CHECK(id.str().size() == 3);
  id.assign("");
  CHECK(id.empty());
}

TEST_CASE("G2 ids compare by value and validate as [a-z0-9._-]+") {
  CHECK(vendor_id("braze") == vendor_id(std::string("braze")));
  CHECK(vendor_id("a") < vendor_id("b"));
  CHECK(std::hash<vendor_id>{}(vendor_id("x")) == std::hash<std::string>{}("x"));
  CHECK(is_valid_id("iso27001"));
  CHECK(is_valid_id("braze-iso27001-2021"));
  CHECK(is_valid_id("a.b_c-1"));
  CHECK_FALSE(is_valid_id(""));
  CHECK_FALSE(is_valid_id("Braze"));
  CHECK_FALSE(is_valid_id("a b"));
  CHECK_FALSE(is_valid_id("ä"));
}
