// The documented pattern for replacing data while queries run (registry.hpp): readers take
// their own std::shared_ptr<const registry> with std::atomic_load, a writer builds a fresh
// registry and publishes it with std::atomic_store. Eight readers, one writer: every answer
// must be the answer of the registry the reader holds — never a torn one. Run under TSan too.
#include "compliance/registry.hpp"

#include "generator.hpp"

#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

using namespace compliance;

TEST_CASE("G5 eight threads query while a ninth swaps in fresh registries: no race, no torn answer") {
  std::vector<registry_data> sources = {generator::generate(150, 1), generator::generate(150, 2)};
  sources[1].vendors.push_back(vendor{}); // tells the two apart: 150 or 151 vendors
  sources[1].vendors.back().id = vendor_id("marker");
  const auto req = parse_requirement("iso27001 | soc2:type2");
  const auto bare = parse_requirement("iso27001 | pci-dss");
  generator::rng r(5);
  struct probe {
    std::string vendor;
    date day;
    bool expected[2][2]; // [source][requirement]
  };
  std::vector<probe> probes(300);
  for (auto& p : probes) {
    p.vendor = generator::vendor_name(static_cast<std::size_t>(r.below(150)));
    p.day = generator::random_day(r);
  }
  for (std::size_t s = 0; s < 2; ++s) {
    const auto reg = registry::build(sources[s]).value();
    for (auto& p : probes) {
      p.expected[s][0] = reg.check(p.vendor, req, p.day).covered();
      p.expected[s][1] = reg.is_covered(p.vendor, bare, p.day);
    }
  }

  std::shared_ptr<const registry> current = std::make_shared<const registry>(registry::build(sources[0]).value());
  std::atomic<bool> stop{false};
  std::atomic<long> answers{0}, torn{0}, swaps{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t)
    readers.emplace_back([&, t] {
      std::size_t i = static_cast<std::size_t>(t) * 37;
      while (!stop.load()) {
        const std::shared_ptr<const registry> mine = std::atomic_load(&current);
        const auto& p = probes[i++ % probes.size()];
        const unsigned s = mine->size() == 151 ? 1u : 0u;
        if (mine->check(p.vendor, req, p.day).covered() != p.expected[s][0]) ++torn;
        if (mine->is_covered(p.vendor, bare, p.day) != p.expected[s][1]) ++torn;
        ++answers;
      }
    });
  std::thread writer([&] {
    for (int k = 1; k <= 40; ++k) {
      auto fresh = std::make_shared<const registry>(registry::build(sources[static_cast<std::size_t>(k % 2)]).value());
      std::atomic_store(&current, std::shared_ptr<const registry>(std::move(fresh)));
      ++swaps;
    }
    stop.store(true);
  });
  writer.join();
  for (auto& t : readers) t.join();
  CHECK(swaps.load() == 40);
  CHECK(answers.load() > 0);
  CHECK(torn.load() == 0);
}
