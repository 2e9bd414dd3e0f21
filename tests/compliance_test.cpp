#include "compliance/compliance.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("G1 the umbrella header carries the version and the whole query API") {
  CHECK(std::string(compliance::version_string) ==
        std::to_string(COMPLIANCE_VERSION_MAJOR) + "." + std::to_string(COMPLIANCE_VERSION_MINOR) + "." +
            std::to_string(COMPLIANCE_VERSION_PATCH));
  const compliance::registry empty;
  CHECK_FALSE(empty.is_covered("anyone", empty.parse("iso27001"), compliance::date_from_string("2024-01-01")));
}
