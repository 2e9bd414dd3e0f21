#include "compliance/error.hpp"

#include <doctest/doctest.h>

using namespace compliance;

TEST_CASE("G3 errors have a category and plain-English messages") {
  const boost::system::error_code ec = errc::bad_date;
  CHECK(ec.category().name() == std::string("compliance"));
  CHECK(ec.message() == "a date is not a YYYY-MM-DD calendar date");
  diagnostics d;
  d.items.push_back({errc::bad_date, diagnostic_level::error, "/vendors/0/evidence/1/issued", 12, 19,
                     "\"2023-02-30\" is not a calendar date.", {}});
  CHECK(d.to_string() == "/vendors/0/evidence/1/issued 12:19: \"2023-02-30\" is not a calendar date.");
  const document_error e(d);
  CHECK(std::string(e.what()) == d.to_string());
}
