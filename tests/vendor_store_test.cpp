// G5 for the vendor store: every vendor decodes back equal to what was appended, whatever it held
// before, with every optional field, every evidence type and Boost's special dates.
#include "store/vendor_store.hpp"

#include "generator.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <utility>

using namespace compliance;
using compliance::detail::vendor_store;

namespace {

date d(const char* s) { return date_from_string(s); }

std::vector<std::string> strings(std::initializer_list<const char*> list) { return {list.begin(), list.end()}; }

evidence with(const char* id, const char* framework, decltype(evidence::details) details) {
  evidence e;
  e.id = evidence_id(id);
  e.framework = framework_id(framework);
  e.details = std::move(details);
  return e;
}

/// A vendor that sets every optional field somewhere, holds every evidence type in several shapes, and
/// carries empty strings, engaged-but-empty lists, non-ASCII bytes, a 100 kB string and special dates.
vendor full_vendor() {
  vendor v;
  v.id = vendor_id("acme-ünïcode");
  v.name = "Acme Zürich Ωmega 東京 🚀";
  v.aliases = {"", "ACME Cloud", std::string("nul\0byte\xff", 9)};
  std::string big(100000, 'x');
  for (std::size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  v.notes = big;
  v.relies_on.push_back({vendor_id("aws"), reliance_method::inclusive, strings({"hosting", "storage"})});
  v.relies_on.push_back({vendor_id("gcp"), std::nullopt, std::vector<std::string>{}});
  v.relies_on.push_back({vendor_id(""), reliance_method::carve_out, std::nullopt});
  v.agreements.push_back({agreement_kind::baa, d("2020-02-29"), std::nullopt});
  v.agreements.push_back({agreement_kind::dpa, min_date(), max_date()});
  v.agreements.push_back({agreement_kind::nda, date(), date(boost::date_time::pos_infin)});

  certificate c;
  c.number = "";
  c.issuer = "TÜV SÜD";
  c.accreditation = "UKAS";
  c.first_certified = min_date();
  c.issued = date(); // not_a_date_time
  c.expires = date(boost::date_time::pos_infin);
  c.audits = std::vector<audit>{{audit_kind::initial, d("2021-01-04"), audit_outcome::passed},
                                {audit_kind::surveillance, max_date(), audit_outcome::major_nonconformity},
                                {audit_kind::special, date(boost::date_time::neg_infin), audit_outcome::failed}};
  c.status = {{status_state::suspended, d("2022-03-01"), d("2022-04-30")},
              {status_state::reinstated, d("2022-05-01"), std::nullopt},
              {status_state::withdrawn, d("2023-01-01"), date()}};
  auto e = with("acme-iso", "iso27001", c);
  e.edition = "2022";
  e.scope = scope{strings({"api", "storage"}), std::vector<std::string>{}, strings({"enterprise"})};
  e.source = "https://trust.acme.example/ü";
  e.notes = "";
  v.evidence.push_back(e);

  certificate bare; // audits engaged but empty: not the same as absent
  bare.audits.emplace();
  bare.issued = d("2019-01-01");
  bare.expires = d("2021-12-31");
  v.evidence.push_back(with("acme-bare", "iso9001", bare));

  report t1;
  t1.kind = report_type::type1;
  t1.as_of = d("2023-06-30");
  t1.criteria = std::vector<std::string>{};
  t1.auditor = "A-LIGN";
  t1.auditor_opinion = opinion::disclaimer;
  t1.issued = d("2023-08-01");
  e = with("acme-soc2-t1", "soc2", t1);
  e.scope = scope{};
  v.evidence.push_back(e);

  report t2;
  t2.period_from = d("2023-01-01");
  t2.period_to = d("2023-12-31");
  t2.criteria = strings({"security", "privacy", "availability"});
  t2.auditor = "Schellman & Company, LLC";
  t2.auditor_opinion = opinion::qualified;
  t2.bridge_letters = {{d("2024-01-15"), d("2024-03-31")}, {std::nullopt, d("2024-06-30")}};
  t2.subservices = {{vendor_id("aws"), reliance_method::carve_out}, {vendor_id("stripe"), std::nullopt}};
  v.evidence.push_back(with("acme-soc2-t2", "soc2", t2));

  report only_subservices;
  only_subservices.subservices = {{vendor_id("azure"), reliance_method::inclusive}};
  v.evidence.push_back(with("acme-soc1", "soc1", only_subservices));
  report only_bridges;
  only_bridges.bridge_letters = {{date(boost::date_time::pos_infin), date()}};
  v.evidence.push_back(with("acme-isae", "isae3402", only_bridges));

  self_assessment s{"saq-d", d("2024-02-01"), d("2025-02-01"), "QSA Ltd ✓"};
  e = with("acme-pci", "pci-dss", s);
  e.edition = "4.0.1";
  v.evidence.push_back(e);
  v.evidence.push_back(with("acme-caiq", "csa-star", self_assessment{}));

  listing l{strings({"eu-us", "uk-extension", "swiss-us"}), d("2023-07-17"), d("2024-07-17"),
            listing_status::removed, d("2024-01-01")};
  v.evidence.push_back(with("acme-dpf", "dpf", l));
  v.evidence.push_back(with("acme-dpf-old", "dpf", listing{{}, min_date(), max_date(), listing_status::active,
                                                           std::nullopt}));

  v.evidence.push_back(with("acme-hipaa", "hipaa", attestation{d("2020-01-01"), d("2030-01-01"), agreement_kind::nda}));
  v.evidence.push_back(with("", "", attestation{date(boost::date_time::neg_infin), std::nullopt, std::nullopt}));
  return v;
}

/// A vendor bigger than full_vendor in every list, with other alternatives at each evidence position.
vendor bigger_vendor() {
  vendor v;
  v.id = vendor_id("a-much-longer-vendor-id-that-does-not-fit-in-a-small-string");
  v.name = std::string(5000, 'n');
  v.notes = "short";
  for (int i = 0; i < 12; ++i) v.aliases.push_back("alias number " + std::to_string(i) + std::string(100, 'a'));
  for (int i = 0; i < 6; ++i) v.relies_on.push_back({vendor_id("r" + std::to_string(i)), std::nullopt, strings({"x"})});
  for (int i = 0; i < 40; ++i) {
    listing l{strings({"p1", "p2", "p3", "p4"}), d("2022-01-01"), d("2023-01-01"), std::nullopt, d("2022-06-01")};
    attestation a{d("2021-01-01"), std::nullopt, agreement_kind::baa};
    auto e = i % 2 ? with("big-l", "dpf", l) : with("big-a", "gdpr", a);
    e.id = evidence_id("big-evidence-" + std::to_string(i) + std::string(60, 'e'));
    e.notes = std::string(300, 'o');
    e.scope = scope{strings({"a-service-with-a-long-name", "another-long-service-name"}), strings({"eu", "us"}),
                    std::nullopt};
    v.evidence.push_back(e);
  }
  return v;
}

} // namespace

TEST_CASE("G5 the vendor store gives back every generated vendor exactly as appended, into one reused vendor") {
  const auto data = generator::generate(2000);
  vendor_store store;
  store.reserve(data.vendors.size(), data.vendors.size() * 200);
  for (std::size_t i = 0; i < data.vendors.size(); ++i) REQUIRE(store.append(data.vendors[i]) == i);
  REQUIRE(store.size() == data.vendors.size());

  std::vector<std::size_t> order(data.vendors.size());
  std::iota(order.rbegin(), order.rend(), std::size_t{0}); // backwards first, then shuffled
  std::vector<std::size_t> shuffled(order);
  generator::rng r(7);
  for (std::size_t k = shuffled.size(); k > 1; --k) std::swap(shuffled[k - 1], shuffled[r.below(k)]);
  order.insert(order.end(), shuffled.begin(), shuffled.end());

  vendor out;
  std::size_t mismatches = 0;
  for (const std::size_t i : order) {
    store.decode(i, out);
    if (out != data.vendors[i] || store.id(i) != data.vendors[i].id.str()) {
      ++mismatches;
      CHECK_MESSAGE(out == data.vendors[i], "vendor ", i);
      CHECK(store.id(i) == data.vendors[i].id.str());
    }
  }
  CHECK(mismatches == 0);
  CHECK(store.at(1234) == data.vendors[1234]);
}

TEST_CASE("G5 the vendor store round-trips every optional field, evidence type, special date and odd string") {
  const vendor full = full_vendor(), bigger = bigger_vendor();
  vendor minimal; // empty id, nothing else
  vendor rotated = full; // each evidence position now holds another alternative than in `full`
  std::rotate(rotated.evidence.begin(), rotated.evidence.begin() + 1, rotated.evidence.end());
  vendor emptied = full; // lists engaged but empty where `full` has them filled, and the reverse
  emptied.evidence[0].scope->services.emplace();
  emptied.evidence[0].scope->regions.reset();
  std::get<certificate>(emptied.evidence[0].details).audits.emplace();
  std::get<report>(emptied.evidence[2].details).criteria.reset();
  emptied.relies_on[1].services.reset();
  REQUIRE(emptied != full);

  vendor_store store;
  const auto i_full = store.append(full), i_bigger = store.append(bigger), i_minimal = store.append(minimal);
  const auto i_rotated = store.append(rotated), i_emptied = store.append(emptied);
  CHECK(store.id(i_full) == full.id.str());
  CHECK(store.id(i_minimal).empty());

  vendor out = store.at(i_bigger);
  REQUIRE(out == bigger);
  store.decode(i_full, out); // into a vendor that held a different, bigger one
  CHECK(out == full);
  CHECK(out.notes->size() == 100000);
  // What `out` held was reused, not thrown away: the capacities `bigger` left are still there.
  CHECK(out.name->capacity() >= bigger.name->size());
  CHECK(out.aliases[1].capacity() >= bigger.aliases[1].size());
  CHECK(out.evidence.capacity() >= bigger.evidence.size());
  CHECK(out.evidence[0].scope->services->front().capacity() >= bigger.evidence[0].scope->services->front().size());
  CHECK(std::get<listing>(out.evidence[9].details).programs.capacity() >= 4); // the same alternative, reused
  CHECK(out.aliases[2] == std::string("nul\0byte\xff", 9));
  const auto& cert = std::get<certificate>(out.evidence[0].details);
  CHECK(cert.issued.is_not_a_date());
  CHECK(cert.expires.is_pos_infinity());
  CHECK((*cert.audits)[2].on.is_neg_infinity());
  CHECK(*cert.first_certified == min_date());
  CHECK(out.agreements[1].ends == max_date());
  CHECK(std::get<certificate>(out.evidence[1].details).audits.has_value()); // engaged and empty
  CHECK(out.evidence[0].scope->regions.has_value());
  CHECK_FALSE(out.evidence[3].scope.has_value());

  const std::pair<std::uint32_t, const vendor*> sequence[] = {
      {i_rotated, &rotated}, {i_full, &full},       {i_emptied, &emptied}, {i_full, &full},
      {i_minimal, &minimal}, {i_emptied, &emptied}, {i_bigger, &bigger},   {i_rotated, &rotated}};
  for (const auto& item : sequence) {
    const std::uint32_t i = item.first; // not a structured binding: CHECK_MESSAGE's lambda takes it (clang 14)
    const vendor* want = item.second;
    store.decode(i, out);
    CHECK_MESSAGE(out == *want, "vendor ", i);
    CHECK(store.id(i) == want->id.str());
  }
  store.decode(i_emptied, out);
  CHECK(out.evidence[0].scope->services.has_value());
  CHECK(out.evidence[0].scope->services->empty());
  CHECK_FALSE(out.evidence[0].scope->regions.has_value());
  CHECK_FALSE(std::get<report>(out.evidence[2].details).criteria.has_value());
}

TEST_CASE("G5 the vendor store answers the same after seal() and after a move") {
  const auto data = generator::generate(300, 99);
  vendor_store store;
  for (const auto& v : data.vendors) store.append(v);
  store.seal();
  CHECK(store.bytes() > 0);
  vendor out;
  for (std::size_t i = data.vendors.size(); i-- > 0;) {
    store.decode(i, out);
    CHECK(out == data.vendors[i]);
    CHECK(store.id(i) == data.vendors[i].id.str());
  }

  vendor_store moved(std::move(store));
  REQUIRE(moved.size() == data.vendors.size());
  CHECK(moved.at(17) == data.vendors[17]);
  CHECK(moved.id(299) == "vendor-299");

  // append is not to be called after seal(); should it be, it still encodes correctly (the word table is rebuilt).
  const vendor full = full_vendor();
  const auto at = moved.append(full);
  moved.append(data.vendors[3]);
  CHECK(moved.at(at) == full);
  CHECK(moved.at(at + 1) == data.vendors[3]);
  CHECK(moved.at(3) == data.vendors[3]);
}

TEST_CASE("G5 a vendor decoded for a query holds everything the coverage rules read, and no free text") {
  vendor expected = full_vendor();
  expected.name.reset();
  expected.notes.reset();
  expected.aliases.clear();
  for (auto& e : expected.evidence) {
    e.source.reset();
    e.notes.reset();
    if (auto* c = std::get_if<certificate>(&e.details)) c->number.reset(), c->issuer.reset(), c->accreditation.reset();
    if (auto* r = std::get_if<report>(&e.details)) r->auditor.reset();
    if (auto* s = std::get_if<self_assessment>(&e.details)) s->assessor.reset();
  }
  vendor_store store;
  const auto data = generator::generate(50, 5);
  for (const auto& v : data.vendors) store.append(v);
  const auto at = store.append(full_vendor());
  vendor out = full_vendor(); // every text field set: each must be cleared, not left over
  store.decode_for_query(at, out);
  CHECK(out == expected);
  std::vector<std::string> aliases{"left over"};
  store.aliases(at, aliases); // the names a query index needs, read alone
  CHECK(aliases == full_vendor().aliases);
  store.aliases(0, aliases);
  CHECK(aliases == data.vendors[0].aliases);
  // The fields after the skipped ones still read right, vendor after vendor, into one object.
  for (std::size_t i = 0; i < data.vendors.size(); ++i) {
    store.decode_for_query(i, out);
    CHECK(out.id == data.vendors[i].id);
    REQUIRE(out.evidence.size() == data.vendors[i].evidence.size());
    for (std::size_t j = 0; j < out.evidence.size(); ++j) {
      CHECK(out.evidence[j].framework == data.vendors[i].evidence[j].framework);
      CHECK(out.evidence[j].scope == data.vendors[i].evidence[j].scope);
      CHECK(out.evidence[j].details.index() == data.vendors[i].evidence[j].details.index());
    }
    CHECK(out.agreements == data.vendors[i].agreements);
    CHECK(out.relies_on == data.vendors[i].relies_on);
  }
}

TEST_CASE("G5 a vendor decoded for a query of some frameworks holds exactly their evidence, in order") {
  vendor_store store;
  const auto data = generator::generate(300, 9);
  for (const auto& v : data.vendors) store.append(v);
  const std::vector<detail::framework_filter> filters = {
      {"iso27001"}, {"soc2", "soc3"}, {"iso27017", "iso27001"}, {"dpf", "hipaa", "pci-dss"}, {}, {"not-a-framework"}};
  vendor out, all;
  for (const auto& only : filters)
    for (std::size_t i = 0; i < data.vendors.size(); ++i) {
      store.decode_for_query(i, all);
      std::vector<evidence> expected;
      for (const auto& e : all.evidence)
        if (std::find(only.begin(), only.end(), e.framework.str()) != only.end()) expected.push_back(e);
      store.decode_for_query(i, out, &only);
      INFO("vendor " << i << ", " << only.size() << " frameworks");
      CHECK(out.evidence == expected);
      // The rest of the vendor is untouched by the evidence left out.
      CHECK(out.id == all.id);
      CHECK(out.agreements == all.agreements);
      CHECK(out.relies_on == all.relies_on);
    }
  // Decoding everything again into the same object restores what the filter left out.
  store.decode_for_query(7, out, &filters[0]);
  store.decode_for_query(7, out);
  store.decode_for_query(7, all);
  CHECK(out == all);
  CHECK(all.evidence.size() == data.vendors[7].evidence.size());
}
