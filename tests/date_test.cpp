#include "compliance/date.hpp"

#include "util/text.hpp"

#include <doctest/doctest.h>

using compliance::add_months;
using compliance::date;
using compliance::date_from_string;
using compliance::parse_date;

TEST_CASE("G1 dates are strict YYYY-MM-DD") {
  CHECK(parse_date("2024-02-29") == date(2024, 2, 29));
  CHECK(parse_date("1999-12-31") == date(1999, 12, 31));
  for (const char* bad : {"2023-02-30", "2024-2-1", "2024-Feb-01", "20240201", "2024-02-01T00:00", " 2024-02-01",
                          "2024-02-01 ", "2024-13-01", "2024-00-10", "2024-01-00", "2024-04-31", "", "abcd-ef-gh",
                          "0000-01-01", "+024-01-01", "2024/01/01", "2100-02-29"})
    CHECK_MESSAGE(!parse_date(bad), bad);
  CHECK_THROWS_AS(date_from_string("2024-02-30"), std::invalid_argument);
  CHECK(compliance::to_string(date(2024, 3, 5)) == "2024-03-05");
}

TEST_CASE("G5 add_months clamps to the last day of the target month") {
  CHECK(add_months(date(2024, 1, 31), 1) == date(2024, 2, 29));
  CHECK(add_months(date(2023, 1, 31), 1) == date(2023, 2, 28));
  CHECK(add_months(date(2024, 2, 29), 12) == date(2025, 2, 28));
  CHECK(add_months(date(2024, 2, 29), 48) == date(2028, 2, 29));
  CHECK(add_months(date(2024, 3, 31), -1) == date(2024, 2, 29));
  CHECK(add_months(date(2024, 12, 15), 1) == date(2025, 1, 15));
  CHECK(add_months(date(2024, 1, 15), -13) == date(2022, 12, 15));
  CHECK(add_months(date(2024, 8, 31), 6) == date(2025, 2, 28));
  // A series is computed from its anchor, never by stepping: 2024-01-31 + 2 months is 03-31.
  CHECK(add_months(date(2024, 1, 31), 2) == date(2024, 3, 31));
  CHECK(add_months(add_months(date(2024, 1, 31), 1), 1) == date(2024, 3, 29));
  // Saturates instead of throwing at the ends of the calendar.
  CHECK(add_months(date(9999, 6, 1), 12) == compliance::max_date());
  CHECK(add_months(date(1400, 6, 1), -12) == compliance::min_date());
}

TEST_CASE("G5 add_days saturates at the ends of the calendar") {
  CHECK(compliance::add_days(date(2024, 2, 28), 1) == date(2024, 2, 29));
  CHECK(compliance::add_days(date(2024, 3, 1), -1) == date(2024, 2, 29));
  CHECK(compliance::add_days(compliance::max_date(), 1) == compliance::max_date());
  CHECK(compliance::add_days(compliance::min_date(), -1) == compliance::min_date());
  CHECK(compliance::days_between(date(2024, 1, 1), date(2025, 1, 1)) == 366);
}

TEST_CASE("G4 a finding's sentence holds its dates and numbers as written") {
  using compliance::detail::cat;
  using compliance::detail::piece;
  const std::string id = "acme-iso27001-1";
  CHECK(cat({"The certificate ", id, " expired on ", date(2022, 12, 31), "."}) ==
        "The certificate acme-iso27001-1 expired on 2022-12-31.");
  CHECK(cat({"ended ", 365L, " days before ", date(1400, 1, 1), ", or ", -42L, " and ", 0L}) ==
        "ended 365 days before 1400-01-01, or -42 and 0");
  CHECK(cat({date(9999, 12, 31), piece(""), std::string_view("|"), date(boost::date_time::pos_infin)}) ==
        "9999-12-31|(no date)");
  CHECK(cat({}).empty());
  for (const date x : {date(2024, 2, 29), date(1999, 1, 9), date(boost::date_time::not_a_date_time)})
    CHECK(cat({x}) == compliance::to_string(x));
}
