// util/platform.hpp: each speed trick gives what its plain fallback gives, on the same inputs
// (the fallback is what a compiler without GCC/Clang extensions builds, or COMPLIANCE_PLAIN).
#include "util/platform.hpp"

#include "generator.hpp"

#include <doctest/doctest.h>

using namespace compliance;
using compliance::detail::any_lane;
using compliance::detail::any_lane_plain;

TEST_CASE("G2 lower-casing sixteen name bytes at once equals lower-casing them one by one") {
  generator::rng r(5);
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t a[2] = {r.next(), r.next()};
    if (i % 3 == 0) { // mostly letters, digits and punctuation around 'A'..'Z'
      unsigned char b[16];
      for (auto& c : b) c = static_cast<unsigned char>('0' + r.below(80));
      std::memcpy(a, b, 16);
    }
    std::uint64_t b[2] = {a[0], a[1]};
    detail::lower16(a);
    detail::lower16_plain(b);
    CHECK(a[0] == b[0]);
    CHECK(a[1] == b[1]);
  }
  std::uint64_t w[2];
  std::memcpy(w, "AbZ@[`az09-_.XYZ", 16);
  detail::lower16(w);
  CHECK(std::memcmp(w, "abz@[`az09-_.xyz", 16) == 0);
}

TEST_CASE("G5 the eight-lane run test equals the lane-by-lane one") {
  generator::rng r(6);
  for (int i = 0; i < 20000; ++i) {
    std::uint8_t rows[8];
    std::uint16_t first[8], last[8];
    for (int k = 0; k < 8; ++k) {
      rows[k] = static_cast<std::uint8_t>(r.below(4) == 0 ? 255 : r.below(6));
      first[k] = static_cast<std::uint16_t>(r.below(1000));
      last[k] = static_cast<std::uint16_t>(first[k] + r.below(400));
    }
    const auto row = static_cast<std::uint8_t>(r.below(6));
    const auto day = static_cast<std::uint16_t>(r.below(1500));
    CHECK(any_lane(rows, first, last, row, day) == any_lane_plain(rows, first, last, row, day));
  }
}

TEST_CASE("G5 opaque() gives back its value") {
  for (unsigned x : {0u, 1u, 2u, 0xFFFFFFFFu}) CHECK(detail::opaque(x) == x);
}
