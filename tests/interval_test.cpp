#include "compliance/interval.hpp"

#include <doctest/doctest.h>

using compliance::date;
using compliance::interval;
using compliance::interval_set;

namespace {
date d(int y, int m, int dd) { return date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(dd)); }
} // namespace

TEST_CASE("G5 intervals are closed: both ends are covered days") {
  const interval i{d(2021, 8, 6), d(2024, 12, 16)};
  CHECK(i.contains(d(2021, 8, 6)));
  CHECK(i.contains(d(2024, 12, 16)));
  CHECK_FALSE(i.contains(d(2024, 12, 17)));
  CHECK_FALSE(i.contains(d(2021, 8, 5)));
  CHECK(interval{d(2024, 1, 1), d(2024, 1, 1)}.days() == 1);
}

TEST_CASE("G5 adjacent and overlapping intervals merge into one run") {
  interval_set s{{d(2024, 1, 1), d(2024, 6, 30)}, {d(2024, 7, 1), d(2024, 12, 31)}};
  REQUIRE(s.runs().size() == 1);
  CHECK(s.runs()[0] == interval{d(2024, 1, 1), d(2024, 12, 31)});
  interval_set t{{d(2024, 1, 1), d(2024, 1, 10)}, {d(2024, 1, 12), d(2024, 1, 20)}};
  CHECK(t.runs().size() == 2);
  t.add({d(2024, 1, 11), d(2024, 1, 11)});
  CHECK(t.runs().size() == 1);
  t.add({d(2023, 1, 1), d(2025, 1, 1)});
  CHECK(t == interval_set{{d(2023, 1, 1), d(2025, 1, 1)}});
  interval_set empty;
  empty.add({d(2024, 2, 1), d(2024, 1, 1)}); // inverted adds nothing
  CHECK(empty.empty());
}

TEST_CASE("G5 union, intersection, difference and gaps") {
  const interval_set a{{d(2024, 1, 1), d(2024, 3, 31)}, {d(2024, 6, 1), d(2024, 8, 31)}};
  const interval_set b{{d(2024, 3, 1), d(2024, 6, 15)}};
  CHECK((a | b) == interval_set{{d(2024, 1, 1), d(2024, 8, 31)}});
  CHECK((a & b) == interval_set{{d(2024, 3, 1), d(2024, 3, 31)}, {d(2024, 6, 1), d(2024, 6, 15)}});
  CHECK((a - b) == interval_set{{d(2024, 1, 1), d(2024, 2, 29)}, {d(2024, 6, 16), d(2024, 8, 31)}});
  CHECK(a.gaps({d(2023, 12, 1), d(2024, 12, 31)}) ==
        interval_set{{d(2023, 12, 1), d(2023, 12, 31)}, {d(2024, 4, 1), d(2024, 5, 31)}, {d(2024, 9, 1), d(2024, 12, 31)}});
  CHECK(a.gaps({d(2024, 1, 1), d(2024, 3, 31)}).empty());
  CHECK((a | a.complement()) == interval_set{{compliance::min_date(), compliance::max_date()}});
  CHECK((a & a.complement()).empty());
}

TEST_CASE("G4 runs around a date: containing, last before, first after") {
  const interval_set a{{d(2024, 1, 1), d(2024, 3, 31)}, {d(2024, 6, 1), d(2024, 8, 31)}};
  REQUIRE(a.find(d(2024, 3, 31)) != nullptr);
  CHECK(a.find(d(2024, 3, 31))->first == d(2024, 1, 1));
  CHECK(a.find(d(2024, 4, 1)) == nullptr);
  REQUIRE(a.last_before(d(2024, 4, 1)) != nullptr);
  CHECK(a.last_before(d(2024, 4, 1))->last == d(2024, 3, 31));
  CHECK(a.last_before(d(2024, 1, 1)) == nullptr);
  REQUIRE(a.first_after(d(2024, 4, 1)) != nullptr);
  CHECK(a.first_after(d(2024, 4, 1))->first == d(2024, 6, 1));
  CHECK(a.first_after(d(2024, 6, 1)) == nullptr);
}
