// As-of-date queries side by side with SQLite (benchmarks.md): the same generated registry,
// the same precomputed sequence of (vendor, date), in one binary and one run.
//
//   compliance_bench [--quick | --vendors=N ...] [google-benchmark flags]
//                                   the query benchmarks (100k and 1M vendors; --quick: 100k;
//                                   --vendors: those sizes), the summary table and ratio lines
//   compliance_bench --memory=registry|sqlite N            one fresh-process memory figure
//
// With --benchmark_repetitions, each figure is the median of the repetitions, shown with the
// fastest and slowest, and the ratios are computed from medians.
#include "generator.hpp"

#include <compliance/json.hpp>
#include <compliance/registry.hpp>

#include <benchmark/benchmark.h>
#include <boost/json/parse.hpp>
#include <sqlite3.h>

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace compliance;

constexpr std::size_t sequence_length = 1u << 20; // at least 1M entries, walked in order

/// One question as an application holds it when it asks: the vendor's name and the date. The
/// questions are stored in the order they are asked, so reading the next one is a sequential
/// read (as a request carries its vendor's name), not a random access into a table of names:
/// the only random memory accesses timed are the ones each answer needs.
struct query {
  std::string vendor;
  date on;
};

/// Everything one registry size needs, built once.
struct fixture {
  std::size_t vendors = 0;
  registry reg;
  std::vector<date> days;
  std::vector<query> sequence; ///< vendors drawn uniformly from the registry, dates from `days`
  sqlite3* db = nullptr;
  sqlite3_stmt* point = nullptr;
  ~fixture() {
    sqlite3_finalize(point);
    sqlite3_close(db);
  }
};

long day_number(date d) { return static_cast<long>(d.day_number()); }

/// The evidence's covered window as a plain table would hold it (before suspensions, agreements
/// and the other rules): start and end day numbers.
std::pair<long, long> window(const evidence& e, const policy& p) {
  if (const auto* c = std::get_if<certificate>(&e.details)) return {day_number(c->issued), day_number(c->expires)};
  if (const auto* r = std::get_if<report>(&e.details)) {
    const date from = r->kind == report_type::type2 ? *r->period_from : *r->as_of;
    const date to = r->kind == report_type::type2 ? *r->period_to : *r->as_of;
    return {day_number(from), day_number(add_months(to, p.report_grace_months))};
  }
  if (const auto* s = std::get_if<self_assessment>(&e.details))
    return {day_number(s->completed), day_number(s->valid_until ? *s->valid_until : add_months(s->completed, 12) - boost::gregorian::days(1))};
  if (const auto* l = std::get_if<listing>(&e.details)) return {day_number(l->listed), day_number(l->next_due)};
  const auto& a = std::get<attestation>(e.details);
  return {day_number(a.since), day_number(a.until ? *a.until : max_date())};
}

std::string join(const std::optional<std::vector<std::string>>& v) {
  std::string out;
  if (v)
    for (const auto& s : *v) out += (out.empty() ? "" : ",") + s;
  return out;
}

/// The same rows in an in-memory SQLite database: every field the registry keeps, an index on
/// (vendor, framework, start), and the prepared point query.
void build_sqlite(fixture& f) {
  sqlite3_open(":memory:", &f.db);
  sqlite3_exec(f.db,
               "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
               "CREATE TABLE vendor(id TEXT PRIMARY KEY, name TEXT, aliases TEXT, relies_on TEXT, agreements TEXT);"
               "CREATE TABLE evidence(vendor TEXT, framework TEXT, start INTEGER, end INTEGER, id TEXT, type TEXT,"
               " edition TEXT, number TEXT, issuer TEXT, variant TEXT, criteria TEXT, opinion TEXT, services TEXT,"
               " regions TEXT, plans TEXT, source TEXT, notes TEXT, details TEXT);",
               nullptr, nullptr, nullptr);
  sqlite3_exec(f.db, "BEGIN", nullptr, nullptr, nullptr);
  sqlite3_stmt* vins = nullptr;
  sqlite3_stmt* eins = nullptr;
  sqlite3_prepare_v2(f.db, "INSERT INTO vendor VALUES(?,?,?,?,?)", -1, &vins, nullptr);
  sqlite3_prepare_v2(f.db, "INSERT INTO evidence VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", -1, &eins, nullptr);
  auto text = [](sqlite3_stmt* s, int i, const std::string& v) { sqlite3_bind_text(s, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT); };
  const registry_data data = f.reg.data();
  for (const auto& v : data.vendors) {
    text(vins, 1, v.id.str());
    text(vins, 2, v.name.value_or(""));
    std::string aliases, relies, agreements;
    for (const auto& a : v.aliases) aliases += a + ";";
    for (const auto& r : v.relies_on) relies += r.vendor.str() + ":" + join(r.services) + ";";
    for (const auto& a : v.agreements)
      agreements += std::string(to_string(a.kind)) + ":" + to_string(a.signed_on) + ":" + (a.ends ? to_string(*a.ends) : "") + ";";
    text(vins, 3, aliases);
    text(vins, 4, relies);
    text(vins, 5, agreements);
    sqlite3_step(vins);
    sqlite3_reset(vins);
    for (const auto& e : v.evidence) {
      const auto [start, end] = window(e, f.reg.policy());
      text(eins, 1, v.id.str());
      text(eins, 2, e.framework.str());
      sqlite3_bind_int64(eins, 3, start);
      sqlite3_bind_int64(eins, 4, end);
      text(eins, 5, e.id.str());
      text(eins, 6, std::string(to_string(e.type())));
      text(eins, 7, e.edition.value_or(""));
      std::string number, issuer, variant, criteria, opinion_, details;
      if (const auto* c = std::get_if<certificate>(&e.details)) {
        number = c->number.value_or("");
        issuer = c->issuer.value_or("");
        if (c->first_certified) details += "first:" + to_string(*c->first_certified) + ";";
        if (c->audits)
          for (const auto& a : *c->audits) details += std::string(to_string(a.kind)) + ":" + to_string(a.on) + ":" + std::string(to_string(a.outcome)) + ";";
        for (const auto& s : c->status) details += std::string(to_string(s.state)) + ":" + to_string(s.from) + ":" + (s.to ? to_string(*s.to) : "") + ";";
      } else if (const auto* r = std::get_if<report>(&e.details)) {
        issuer = r->auditor.value_or("");
        criteria = join(r->criteria);
        if (r->auditor_opinion) opinion_ = std::string(to_string(*r->auditor_opinion));
        details += std::string(to_string(r->kind)) + ";";
        for (const auto& b : r->bridge_letters) details += "bridge:" + to_string(b.through) + ";";
      } else if (const auto* s = std::get_if<self_assessment>(&e.details)) {
        variant = s->variant.value_or("");
        issuer = s->assessor.value_or("");
      } else if (const auto* l = std::get_if<listing>(&e.details)) {
        for (const auto& p : l->programs) details += p + ";";
        if (l->status) details += std::string(to_string(*l->status));
      }
      text(eins, 8, number);
      text(eins, 9, issuer);
      text(eins, 10, variant);
      text(eins, 11, criteria);
      text(eins, 12, opinion_);
      text(eins, 13, e.scope ? join(e.scope->services) : "");
      text(eins, 14, e.scope ? join(e.scope->regions) : "");
      text(eins, 15, e.scope ? join(e.scope->plans) : "");
      text(eins, 16, e.source.value_or(""));
      text(eins, 17, e.notes.value_or(""));
      text(eins, 18, details);
      sqlite3_step(eins);
      sqlite3_reset(eins);
    }
  }
  sqlite3_finalize(vins);
  sqlite3_finalize(eins);
  sqlite3_exec(f.db, "COMMIT; CREATE INDEX evidence_point ON evidence(vendor, framework, start);", nullptr, nullptr, nullptr);
  sqlite3_prepare_v2(f.db, "SELECT 1 FROM evidence WHERE vendor = ?1 AND framework = ?2 AND start <= ?3 AND end >= ?3 LIMIT 1",
                     -1, &f.point, nullptr);
}

/// The fixture of `vendors` vendors, built on first use. Thread-safe: the two-thread benchmark's
/// threads may both ask for it first (random interleaving can run that benchmark first), and
/// must not both build it.
fixture& get(std::size_t vendors) {
  static std::mutex guard;
  const std::lock_guard<std::mutex> lock(guard);
  static std::map<std::size_t, std::unique_ptr<fixture>> cache;
  auto& slot = cache[vendors];
  if (slot) return *slot;
  if (!cache.empty()) // keep one size resident at a time: the machine has 24 GiB, not 48
    for (auto it = cache.begin(); it != cache.end();)
      it = it->first == vendors ? std::next(it) : cache.erase(it);
  auto& f = *(slot = std::make_unique<fixture>());
  f.vendors = vendors;
  f.reg = registry::build(generator::generate(vendors)).value();
  generator::rng r(424242);
  for (int i = 0; i < 4096; ++i) f.days.push_back(generator::random_day(r));
  f.sequence.resize(sequence_length);
  for (auto& q : f.sequence) {
    const auto vendor = static_cast<std::size_t>(r.below(vendors));
    q = {generator::vendor_name(vendor), f.days[static_cast<std::size_t>(r.below(f.days.size()))]};
  }
  build_sqlite(f);
  return f;
}

/// Walks the sequence from a per-thread start, so threads ask different questions.
template <class Ask>
void walk(benchmark::State& state, Ask&& ask) {
  auto& f = get(static_cast<std::size_t>(state.range(0)));
  std::size_t i = (static_cast<std::size_t>(state.thread_index()) * sequence_length) / 2;
  std::size_t hits = 0;
  for (auto _ : state) {
    const auto& q = f.sequence[i];
    hits += ask(f, q) ? 1 : 0;
    i = (i + 1) & (sequence_length - 1);
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// The floor under a single call on this machine: one load from a random 64-byte line of a
/// buffer as large as the registry's query index (a slot per line, twice as many slots as the
/// about 1.2 N names of the generated registry, rounded up to a power of two), each load's
/// address taken from the one before, so that no two overlap. On huge pages, like the index.
void memory_latency(benchmark::State& state) {
  const auto vendors = static_cast<std::size_t>(state.range(0));
  std::size_t lines = 1;
  while (lines < 2 * (vendors + vendors / 5)) lines <<= 1;
  const std::size_t bytes = lines * 64;
  std::unique_ptr<std::uint64_t, decltype(&std::free)> buffer(
      static_cast<std::uint64_t*>(std::aligned_alloc(std::size_t{2} << 20, bytes)), &std::free);
  if (!buffer) {
    state.SkipWithError("no memory");
    return;
  }
  madvise(buffer.get(), bytes, MADV_HUGEPAGE);
  // One random cycle through every line (Sattolo's shuffle): line k holds the next line's index.
  std::vector<std::uint32_t> order(lines);
  for (std::size_t k = 0; k < lines; ++k) order[k] = static_cast<std::uint32_t>(k);
  generator::rng r(99);
  for (std::size_t k = lines - 1; k > 0; --k) std::swap(order[k], order[static_cast<std::size_t>(r.below(k))]);
  for (std::size_t k = 0; k < lines; ++k) buffer.get()[order[k] * 8] = order[(k + 1) % lines];
  std::uint64_t at = order[0];
  for (auto _ : state) at = buffer.get()[at * 8];
  benchmark::DoNotOptimize(at);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// A requirement prepared for the fixture's registry (registry::prepare), as a hot path keeps it.
prepared_requirement prepared(benchmark::State& state, const char* expression) {
  return get(static_cast<std::size_t>(state.range(0))).reg.prepare(parse_requirement(expression));
}

void is_covered(benchmark::State& state) {
  const auto req = prepared(state, "iso27001");
  walk(state, [&](fixture& f, const query& q) { return f.reg.is_covered(q.vendor, req, q.on); });
}

/// The same question with a requirement not prepared: classified and its framework looked up on
/// every call.
void is_covered_unprepared(benchmark::State& state) {
  const auto req = parse_requirement("iso27001");
  walk(state, [&](fixture& f, const query& q) { return f.reg.is_covered(q.vendor, req, q.on); });
}

/// The batch form: 256 questions per call, their memory accesses overlapped (prefetched).
void is_covered_batch(benchmark::State& state) {
  auto& f = get(static_cast<std::size_t>(state.range(0)));
  const auto req = parse_requirement("iso27001");
  constexpr std::size_t batch = 256;
  std::vector<point_query> queries(batch);
  std::unique_ptr<bool[]> answers(new bool[batch]);
  std::size_t i = (static_cast<std::size_t>(state.thread_index()) * sequence_length) / 2, hits = 0;
  for (auto _ : state) {
    for (auto& q : queries) {
      const auto& s = f.sequence[i];
      q = {s.vendor, s.on};
      i = (i + 1) & (sequence_length - 1);
    }
    f.reg.is_covered(req, queries.data(), batch, answers.get());
    hits += answers[0] ? 1 : 0;
  }
  benchmark::DoNotOptimize(hits);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(batch));
}

void sqlite_point(benchmark::State& state) {
  walk(state, [](fixture& f, const query& q) {
    sqlite3_bind_text(f.point, 1, q.vendor.c_str(), static_cast<int>(q.vendor.size()), SQLITE_STATIC);
    sqlite3_bind_text(f.point, 2, "iso27001", 8, SQLITE_STATIC);
    sqlite3_bind_int64(f.point, 3, day_number(q.on));
    const bool hit = sqlite3_step(f.point) == SQLITE_ROW;
    sqlite3_reset(f.point);
    return hit;
  });
}

void check_verdict(benchmark::State& state) {
  const auto req = prepared(state, "iso27001");
  walk(state, [&](fixture& f, const query& q) { return f.reg.check(q.vendor, req, q.on).covered(); });
}

void three_atoms(benchmark::State& state) {
  const auto req = prepared(state, "(iso27001 | soc2) & dpf");
  walk(state, [&](fixture& f, const query& q) { return f.reg.is_covered(q.vendor, req, q.on); });
}

void three_atoms_qualified(benchmark::State& state) {
  const auto req = prepared(state, "(iso27001:2022 | soc2:type2[availability]) & dpf:eu-us");
  walk(state, [&](fixture& f, const query& q) { return f.reg.is_covered(q.vendor, req, q.on); });
}

void covered_vendors(benchmark::State& state) {
  auto& f = get(static_cast<std::size_t>(state.range(0)));
  const auto req = parse_requirement("iso27001");
  std::size_t i = 0, n = 0;
  for (auto _ : state) n += f.reg.covered_vendors(req, f.days[i++ % f.days.size()]).size();
  benchmark::DoNotOptimize(n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void expiring(benchmark::State& state) {
  auto& f = get(static_cast<std::size_t>(state.range(0)));
  std::size_t i = 0, n = 0;
  for (auto _ : state) n += f.reg.expiring(f.days[i++ % f.days.size()], 30).size();
  benchmark::DoNotOptimize(n);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

/// Collects every run for the summary table and the ratio lines: a single run's figure, or with
/// repetitions the median (and the fastest and slowest) of its repetitions.
class collector : public benchmark::ConsoleReporter {
public:
  struct row {
    std::string name;
    double ns_per_item = 0;
    double fastest = 0, slowest = 0; ///< with repetitions
  };
  std::vector<row> rows;
  collector() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_ColorTabular : OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      const auto it = r.counters.find("items_per_second");
      if (it == r.counters.end() || it->second.value <= 0) continue;
      const double ns = 1e9 / it->second.value;
      if (r.run_type == Run::RT_Iteration) {
        if (r.repetitions <= 1) rows.push_back({r.run_name.str(), ns});
        continue;
      }
      // Aggregates of items per second: the largest rate is the fastest repetition.
      auto& out = at(r.run_name.str());
      if (r.aggregate_name == "median") out.ns_per_item = ns;
      else if (r.aggregate_name == "max") out.fastest = ns;
      else if (r.aggregate_name == "min") out.slowest = ns;
    }
  }
  double ns(const std::string& name) const {
    for (const auto& r : rows)
      if (r.name == name) return r.ns_per_item;
    return 0;
  }

private:
  row& at(const std::string& name) {
    for (auto& r : rows)
      if (r.name == name) return r;
    rows.push_back({name});
    return rows.back();
  }
};

long resident_kib() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/// One memory figure in a fresh process: the resident size grown by loading the registry from
/// its JSON text (text freed), or SQLite's own count for the same rows.
int memory(const std::string& what, std::size_t vendors) {
  if (what == "sqlite") {
    auto& f = get(vendors);
    std::printf("memory sqlite %zu %lld\n", vendors, static_cast<long long>(sqlite3_memory_used()));
    (void)f;
    return 0;
  }
  std::string text = to_json(generator::generate(vendors));
  const double mb = static_cast<double>(text.size()) / 1e6;
  malloc_trim(0);
  // Memory: the first load in this fresh process (the text was read before the first figure).
  const long before = resident_kib();
  auto reg = load(text);
  if (!reg) {
    std::fprintf(stderr, "load failed: %s\n", reg.error().to_string().c_str());
    return 2;
  }
  malloc_trim(0);
  const long after = resident_kib();
  reg = registry();
  // Speed: best of three, boost::json::parse alone and the whole load, on the same bytes.
  double parse_s = 1e9, load_s = 1e9, data_s = 1e9;
  for (int round = 0; round < 3; ++round) {
    // Each result is destroyed after its clock stops: freeing is not reading. And each phase
    // starts from a trimmed heap, so that none pays malloc for sweeping up the blocks the one
    // before it freed.
    malloc_trim(0);
    auto t0 = std::chrono::steady_clock::now();
    auto parsed = std::make_unique<boost::json::value>(boost::json::parse(text));
    auto t1 = std::chrono::steady_clock::now();
    parsed.reset();
    malloc_trim(0);
    auto t2 = std::chrono::steady_clock::now();
    auto loaded = std::make_unique<boost::system::result<registry, diagnostics>>(load(text));
    auto t3 = std::chrono::steady_clock::now();
    loaded.reset();
    malloc_trim(0);
    auto t4 = std::chrono::steady_clock::now();
    auto values = std::make_unique<boost::system::result<registry_data, diagnostics>>(load_data(text));
    auto t5 = std::chrono::steady_clock::now();
    values.reset();
    data_s = std::min(data_s, std::chrono::duration<double>(t5 - t4).count());
    parse_s = std::min(parse_s, std::chrono::duration<double>(t1 - t0).count());
    load_s = std::min(load_s, std::chrono::duration<double>(t3 - t2).count());
  }
  std::printf("memory registry %zu %lld\n", vendors, static_cast<long long>(after - before) * 1024);
  std::printf("load %zu %.1f MB %.3f s %.0f MB/s (boost::json::parse alone %.3f s %.0f MB/s)\n", vendors, mb, load_s,
              mb / load_s, parse_s, mb / parse_s);
  std::printf("load_data (values, no validation or index) %zu %.3f s %.0f MB/s\n", vendors, data_s, mb / data_s);
  std::printf("ratio load_vs_boost_json_parse_speed %zu %.2f\n", vendors, parse_s / load_s);
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<std::int64_t> sizes;
  bool quick = false;
  std::vector<char*> args{argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--quick") == 0) quick = true;
    else if (std::strncmp(argv[i], "--vendors=", 10) == 0) sizes.push_back(std::stoll(argv[i] + 10));
    else if (std::strncmp(argv[i], "--memory=", 9) == 0 && i + 1 < argc) return memory(argv[i] + 9, std::stoul(argv[i + 1]));
    else args.push_back(argv[i]);
  }
  if (sizes.empty()) sizes = quick ? std::vector<std::int64_t>{100000} : std::vector<std::int64_t>{100000, 1000000};
  const auto spread = [](benchmark::internal::Benchmark* b) {
    b->ComputeStatistics("min", [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); })
        ->ComputeStatistics("max", [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); });
  };
  for (auto n : sizes) {
    spread(benchmark::RegisterBenchmark("is_covered", is_covered)->Arg(n));
    spread(benchmark::RegisterBenchmark("is_covered_unprepared", is_covered_unprepared)->Arg(n));
    spread(benchmark::RegisterBenchmark("memory_latency", memory_latency)->Arg(n));
    spread(benchmark::RegisterBenchmark("is_covered_batch", is_covered_batch)->Arg(n));
    spread(benchmark::RegisterBenchmark("sqlite_point", sqlite_point)->Arg(n));
    spread(benchmark::RegisterBenchmark("check", check_verdict)->Arg(n));
    spread(benchmark::RegisterBenchmark("three_atoms", three_atoms)->Arg(n));
    spread(benchmark::RegisterBenchmark("three_atoms_qualified", three_atoms_qualified)->Arg(n));
    spread(benchmark::RegisterBenchmark("covered_vendors", covered_vendors)->Arg(n)->Unit(benchmark::kMillisecond));
    spread(benchmark::RegisterBenchmark("expiring_30d", expiring)->Arg(n)->Unit(benchmark::kMillisecond));
    spread(benchmark::RegisterBenchmark("is_covered", is_covered)->Arg(n)->Threads(2)->UseRealTime());
  }
  // A listing runs nothing, so it builds nothing.
  const bool listing = std::any_of(args.begin() + 1, args.end(), [](const char* a) {
    return std::strcmp(a, "--benchmark_list_tests") == 0 || std::strcmp(a, "--benchmark_list_tests=true") == 0;
  });
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  // Build the first size's registry and database before any benchmark runs, outside all of them.
  if (!listing) get(static_cast<std::size_t>(sizes.front()));
  collector report;
  benchmark::RunSpecifiedBenchmarks(&report);
  benchmark::Shutdown();
  std::printf("\n%-44s %14s %24s\n", "benchmark", "ns per item", "fastest - slowest");
  for (const auto& r : report.rows) {
    std::printf("%-44s %14.1f", r.name.c_str(), r.ns_per_item);
    if (r.fastest > 0) std::printf(" %11.1f - %-11.1f", r.fastest, r.slowest);
    std::printf("\n");
  }
  std::printf("\n");
  for (auto n : sizes) {
    const std::string s = "/" + std::to_string(n);
    const double mine = report.ns("is_covered" + s), theirs = report.ns("sqlite_point" + s);
    if (mine > 0 && theirs > 0) std::printf("ratio is_covered_vs_sqlite %lld %.1f\n", static_cast<long long>(n), theirs / mine);
    const double batch = report.ns("is_covered_batch" + s);
    if (batch > 0 && theirs > 0) std::printf("ratio is_covered_batch_vs_sqlite %lld %.1f\n", static_cast<long long>(n), theirs / batch);
    const double one = report.ns("is_covered" + s), two = report.ns("is_covered" + s + "/real_time/threads:2");
    if (one > 0 && two > 0) std::printf("ratio is_covered_2_threads_speedup %lld %.2f\n", static_cast<long long>(n), one / two);
    const double chk = report.ns("check" + s);
    if (chk > 0 && theirs > 0) std::printf("ratio check_vs_sqlite %lld %.1f\n", static_cast<long long>(n), theirs / chk);
  }
  return 0;
}
