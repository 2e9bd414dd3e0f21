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

TEST_CASE("G5 interval sets keep their runs through copies, moves and growth past the in-place four") {
  using boost::gregorian::days;
  const date base(2020, 1, 1);
  auto runs_of = [&](int n) {
    interval_set s;
    for (int k = n - 1; k >= 0; --k) s.add({base + days(10 * k), base + days(10 * k + 4)}); // inserted at the front
    return s;
  };
  for (int n : {0, 1, 3, 4, 5, 9, 50}) {
    const interval_set s = runs_of(n);
    REQUIRE(s.runs().size() == static_cast<std::size_t>(n));
    for (int k = 0; k < n; ++k) CHECK(s.runs()[static_cast<std::size_t>(k)] == interval{base + days(10 * k), base + days(10 * k + 4)});
    interval_set copy = s;
    CHECK(copy == s);
    interval_set moved = std::move(copy);
    CHECK(moved == s);
    CHECK(copy.empty()); // NOLINT(bugprone-use-after-move): a moved-from set is empty
    interval_set assigned = runs_of(7);
    assigned = s;
    CHECK(assigned == s);
    assigned = runs_of(2);
    CHECK(assigned == runs_of(2));
    interval_set& same = assigned;
    assigned = same; // self-assignment keeps the runs
    CHECK(assigned == runs_of(2));
    assigned = std::move(moved);
    CHECK(assigned == s);
    if (n > 1) { // one interval over everything merges all runs into one
      interval_set merged = s;
      merged.add({base, base + days(10 * n)});
      CHECK(merged.runs().size() == 1);
      CHECK(merged.runs().front() == interval{base, base + days(10 * n)});
      // Filling every gap but the last leaves two runs.
      interval_set filled = s;
      for (int k = 0; k + 2 < n; ++k) filled.add({base + days(10 * k + 5), base + days(10 * k + 9)});
      CHECK(filled.runs().size() == 2);
    }
  }
}
