// Limits: large inputs get a correct answer or a clean error, never a stack overflow.
#include "compliance/registry.hpp"

#include "compliance/builder.hpp"

#include <doctest/doctest.h>

using namespace compliance;

TEST_CASE("G5 ten thousand evidence on one vendor: a correct answer") {
  registry_builder b;
  auto v = b.vendor("big");
  for (int i = 0; i < 10000; ++i) {
    // Back-to-back yearly certificates from 2000: one unbroken run, each a separate record.
    const date issued = add_months(date(2000, 1, 1), 12 * (i % 20));
    v.certificate("iso27001").issued(to_string(issued)).expires(to_string(add_months(issued, 12) - boost::gregorian::days(1)));
  }
  v.report("soc2").period("2010-01-01", "2010-12-31");
  const auto reg = b.build();
  const auto verdict = reg.check("big", reg.parse("iso27001"), date(2010, 6, 1));
  CHECK(verdict.covered());
  CHECK(verdict.covered_since == date(2000, 1, 1));
  CHECK(verdict.covered_until == date(2019, 12, 31));
  CHECK(verdict.satisfied_by.size() == 500);
  CHECK_FALSE(reg.is_covered("big", reg.parse("iso27001"), date(2020, 1, 1)));
  CHECK(reg.expiring(date(2019, 12, 15), 30).size() == 1);
}

TEST_CASE("Q2 a requirement of 10k atoms and one nested 10k deep evaluate and print without recursion") {
  registry_builder b;
  b.vendor("a").certificate("iso27001").issued("2022-01-01").expires("2024-12-31");
  const auto reg = b.build();
  std::string wide = "soc2";
  for (int i = 0; i < 10000; ++i) wide += i % 2 ? " | soc1" : " | iso27001";
  const auto flat = reg.parse(wide);
  CHECK(reg.check("a", flat, date(2023, 1, 1)).covered());
  CHECK(reg.is_covered("a", flat, date(2023, 1, 1)));
  // Built programmatically, nesting alternates & and | ten thousand levels deep.
  atom iso;
  iso.framework = framework_id("iso27001");
  atom soc;
  soc.framework = framework_id("soc2");
  // Node by node (add_node), as `of(iso) | deep` and `of(iso) & deep` would nest it, without
  // copying the whole tree at each level (quadratic: minutes under ThreadSanitizer).
  const auto nested = [&](int levels) {
    requirement r;
    std::uint32_t inner = r.add_node({requirement::op::atom, r.add_atom(iso), {}});
    for (int i = 0; i < levels; ++i) {
      const std::uint32_t leaf = r.add_node({requirement::op::atom, r.add_atom(iso), {}});
      inner = r.add_node({i % 2 ? requirement::op::any_of : requirement::op::all_of, 0, {leaf, inner}});
    }
    return r;
  };
  requirement small = requirement::of(iso);
  for (int i = 0; i < 7; ++i) small = i % 2 ? (requirement::of(iso) | small) : (requirement::of(iso) & small);
  CHECK(to_string(nested(7)) == to_string(small));
  const requirement deep = nested(10000);
  CHECK(deep.nodes().size() > 10000);
  CHECK(reg.check("a", deep, date(2023, 1, 1)).covered());
  CHECK(reg.is_covered("a", deep, date(2023, 1, 1)));
  CHECK_FALSE(reg.is_covered("a", deep & requirement::of(soc), date(2023, 1, 1)));
  CHECK(to_string(deep).size() > 10000 * 8);
}
