// Every field of the model, walked through its one field list (compliance/detail/fields.hpp):
// compared by ==, written and read back by JSON, declared by the schema, kept by the vendor
// store, left out of a query's vendors only when it is free text no rule reads, and set by the
// builder. A field added to a record and its list, but forgotten in one of these, fails here.
#include "compliance/detail/fields.hpp"

#include "compliance/builder.hpp"
#include "compliance/json.hpp"
#include "rules/reads.hpp"
#include "store/vendor_store.hpp"

#include "fields.hpp"
#include "test_files.hpp"

#include <doctest/doctest.h>

#include <boost/json.hpp>

#include <filesystem>
#include <map>

using namespace compliance;
namespace fs = std::filesystem;

namespace {

const fs::path data_dir = COMPLIANCE_TEST_DATA_DIR;

/// tests/data/valid/every-field.json: a registry that gives every field a value somewhere.
registry_data every_field() {
  auto data = load_data(test_files::slurp(data_dir / "valid" / "every-field.json"));
  REQUIRE_MESSAGE(data.has_value(), "every-field.json does not load");
  return *data;
}

/// Each field the walk can change in `data`, with each way it can: the field's name, and the
/// data changed.
struct mutation {
  std::string field;
  fields::change how;
  registry_data data;
};

std::vector<mutation> mutations(const registry_data& data) {
  std::vector<mutation> out;
  for (std::size_t k = 0;; ++k) {
    registry_data changed = data;
    fields::change how{};
    const auto field = fields::mutate(changed, k, how);
    if (!field) break;
    out.push_back({*field, how, std::move(changed)});
  }
  return out;
}

/// The text field called `name` (`certificate.issuer`), if it is one.
std::optional<detail::text_field> text_field_named(std::string_view name) {
  for (unsigned f = 0; f < detail::text_field_count; ++f)
    if (detail::text_field_name(static_cast<detail::text_field>(f)) == name) return static_cast<detail::text_field>(f);
  return std::nullopt;
}

// --- the schema: which keys it declares where -------------------------------------------------

/// The schema nodes `node` stands for: itself, what its $ref names, and the branches of its
/// allOf, anyOf, oneOf, then and else, followed through.
void expand(const boost::json::value& root, const boost::json::value& node, std::vector<const boost::json::object*>& out) {
  if (!node.is_object()) return;
  const auto& o = node.as_object();
  out.push_back(&o);
  if (const auto* ref = o.if_contains("$ref")) {
    std::string pointer(ref->as_string().c_str());
    REQUIRE(pointer.rfind("#", 0) == 0);
    expand(root, root.at_pointer(pointer.substr(1)), out);
  }
  for (const char* k : {"allOf", "anyOf", "oneOf"})
    if (const auto* list = o.if_contains(k))
      for (const auto& branch : list->as_array()) expand(root, branch, out);
  for (const char* k : {"then", "else"})
    if (const auto* branch = o.if_contains(k)) expand(root, *branch, out);
}

/// Each member of `doc` (the JSON the writer gives) that the schema does not declare where it is,
/// as a JSON pointer.
void undeclared(const boost::json::value& root, std::vector<const boost::json::value*> schemas,
                const boost::json::value& doc, const std::string& at, std::vector<std::string>& out) {
  std::vector<const boost::json::object*> nodes;
  for (const auto* s : schemas) expand(root, *s, nodes);
  if (doc.is_object()) {
    for (const auto& member : doc.as_object()) {
      std::vector<const boost::json::value*> inner;
      for (const auto* n : nodes)
        if (const auto* props = n->if_contains("properties"))
          if (const auto* p = props->as_object().if_contains(member.key())) inner.push_back(p);
      const std::string here = at + "/" + std::string(member.key());
      if (inner.empty()) out.push_back(here);
      else undeclared(root, inner, member.value(), here, out);
    }
  } else if (doc.is_array()) {
    std::vector<const boost::json::value*> items;
    for (const auto* n : nodes)
      if (const auto* i = n->if_contains("items")) items.push_back(i);
    std::size_t k = 0;
    for (const auto& element : doc.as_array()) undeclared(root, items, element, at + "/" + std::to_string(k++), out);
  }
}

} // namespace

TEST_CASE("G5 every field of the model is listed once, and every-field.json gives each a value") {
  // all_fields() does not compile when a record reached lacks BOOST_DESCRIBE_STRUCT or its list
  // leaves out a member (a count check against Boost.PFR).
  const auto all = fields::all_fields<registry_data>();
  CHECK(all.count("certificate.issuer") == 1);
  CHECK(all.count("framework_info.cycle") == 1);
  CHECK(all.count("surveillance_cycle.window_days") == 1);
  CHECK(all.size() > 80);
  const auto present = fields::present_fields(every_field());
  for (const auto& f : all) CHECK_MESSAGE(present.count(f) == 1, f, " has no value in every-field.json");
}

TEST_CASE("G5 == compares every field: changing any one makes the data differ") {
  const auto data = every_field();
  const auto all = mutations(data);
  REQUIRE(all.size() > 200);
  for (const auto& m : all) CHECK_MESSAGE(m.data != data, m.field, " (", fields::to_string(m.how), ")");
}

TEST_CASE("F4 G5 JSON writes and reads back every field: each change survives save then load") {
  const auto data = every_field();
  const std::string text = to_json(data);
  // Fields no single change leaves valid: a type 1 report has as_of, a type 2 a period. The
  // writer must still write the change, and the reader must read it (and refuse the document).
  const std::set<std::string> coupled = {"report.kind"};
  std::set<std::string> round_tripped;
  for (const auto& m : mutations(data)) {
    const std::string changed = to_json(m.data);
    auto back = load_data(changed);
    if (!back) { // the change made the document invalid (a required member removed, say)
      if (coupled.count(m.field) && changed != text) round_tripped.insert(m.field);
      continue;
    }
    CAPTURE(m.field);
    CAPTURE(fields::to_string(m.how));
    // Equal to the changed data, and different from the original: written and read, both.
    if (*back == m.data && changed != text) round_tripped.insert(m.field);
    else CHECK_MESSAGE(false, m.field, " (", fields::to_string(m.how), ") is lost by save then load");
  }
  for (const auto& f : fields::all_fields<registry_data>())
    CHECK_MESSAGE(round_tripped.count(f) == 1, f, " never survived save then load");
}

TEST_CASE("F5 G5 the JSON Schema declares every member the writer writes, where it writes it") {
  const fs::path schema_path = fs::path(COMPLIANCE_SAMPLE_REGISTRY).parent_path() / "compliance-registry-1.schema.json";
  const auto schema = boost::json::parse(test_files::slurp(schema_path));
  const auto doc = boost::json::parse(to_json(every_field()));
  std::vector<std::string> missing;
  undeclared(schema, {&schema}, doc, "", missing);
  for (const auto& m : missing) CHECK_MESSAGE(false, m, " is written but not in the schema");
  CHECK(missing.empty());
  // The walk finds a member the schema leaves out.
  auto extra = doc;
  extra.at_pointer("/vendors/0/evidence/0").as_object()["not_in_the_schema"] = 1;
  missing.clear();
  undeclared(schema, {&schema}, extra, "", missing);
  CHECK(missing == std::vector<std::string>{"/vendors/0/evidence/0/not_in_the_schema"});
}

TEST_CASE("G5 the vendor store keeps every field; a query's vendors leave out only the free text no rule reads") {
  const auto data = every_field();
  REQUIRE(!data.vendors.empty());
  std::set<std::string> kept;
  for (const auto& m : mutations(data)) {
    if (m.field.rfind("framework_info.", 0) == 0 || m.field.rfind("edition.", 0) == 0 ||
        m.field.rfind("program.", 0) == 0 || m.field.rfind("equivalence.", 0) == 0 ||
        m.field.rfind("surveillance_cycle.", 0) == 0 || m.field.rfind("policy_overrides.", 0) == 0 ||
        m.field.rfind("registry_data.", 0) == 0)
      continue; // not vendor data: the store holds vendors
    CAPTURE(m.field);
    CAPTURE(fields::to_string(m.how));
    detail::vendor_store before, after;
    for (const auto& v : data.vendors) before.append(v);
    for (const auto& v : m.data.vendors) after.append(v);
    REQUIRE(after.size() == m.data.vendors.size());
    bool differs = false;
    for (std::size_t i = 0; i < m.data.vendors.size(); ++i) {
      CHECK(after.at(i) == m.data.vendors[i]);
      vendor q_before, q_after;
      before.decode_for_query(i, q_before);
      after.decode_for_query(i, q_after);
      differs = differs || q_before != q_after;
    }
    kept.insert(m.field);
    const auto text = text_field_named(m.field);
    if (text && !detail::rules_read(*text)) CHECK_MESSAGE(!differs, m.field, " is free text no rule reads, yet a query decodes it");
    else CHECK_MESSAGE(differs, m.field, " is read by the rules, yet a query's vendors leave it out");
  }
  for (const auto& f : fields::all_fields<vendor>()) CHECK_MESSAGE(kept.count(f) == 1, f, " was never changed");
}

TEST_CASE("G5 the free-text declaration names fields of the model, each once") {
  const auto all = fields::all_fields<vendor>();
  std::set<std::string> names;
  for (unsigned f = 0; f < detail::text_field_count; ++f) {
    const std::string name(detail::text_field_name(static_cast<detail::text_field>(f)));
    CHECK_MESSAGE(all.count(name) == 1, name, " is not a field of the model");
    CHECK(names.insert(name).second);
  }
  CHECK(detail::text_field_name(static_cast<detail::text_field>(detail::text_field_count)).empty());
}

TEST_CASE("G5 the builder sets every field of a vendor: every-field.json's vendors, built in code, are equal") {
  registry_builder b;
  auto acme = b.vendor("acme");
  acme.name("Acme Ltd").alias("ACME").alias("Acme Cloud").notes("Every field of every record.");
  acme.relies_on("host", {"Acme Cloud"}, reliance_method::inclusive).relies_on("other-host");
  acme.agreement(agreement_kind::baa, "2024-03-01", "2026-02-28")
      .agreement(agreement_kind::dpa, "2024-03-01")
      .agreement(agreement_kind::nda, "2023-01-15");
  acme.certificate("iso27001")
      .id("acme-iso27001-2023")
      .edition("2022")
      .services({"Acme Cloud"})
      .regions({"EU", "US"})
      .plans({"Enterprise"})
      .number("IS 123456")
      .issuer("Example Certification Ltd")
      .accreditation("UKAS")
      .first_certified("2017-05-02")
      .issued("2023-05-02")
      .expires("2026-05-01")
      .audit(audit_kind::recertification, "2023-04-10")
      .audit(audit_kind::surveillance, "2024-04-15", audit_outcome::major_nonconformity)
      .audit(audit_kind::special, "2024-07-01")
      .audit(audit_kind::transition, "2024-09-01", audit_outcome::failed)
      .audit(audit_kind::initial, "2017-04-01")
      .suspended("2024-05-01", "2024-06-30")
      .reinstated("2024-07-01")
      .withdrawn("2026-01-01")
      .source("https://example.com/trust/iso27001.pdf")
      .notes("A certificate with every field.");
  acme.report("soc2")
      .id("acme-soc2-2024")
      .period("2023-10-01", "2024-09-30")
      .criteria({"security", "availability", "confidentiality", "processing-integrity", "privacy"})
      .auditor("Example CPA LLP")
      .opinion(opinion::qualified)
      .issued("2024-11-15")
      .bridge_letter("2024-12-31", "2025-01-10")
      .bridge_letter("2025-03-31")
      .subservice("host", reliance_method::carve_out)
      .subservice("other-host");
  acme.report("soc1").id("acme-soc1-2024").type1("2024-06-30").opinion(opinion::unqualified);
  acme.self_assessment("pci-dss")
      .id("acme-pci-2024")
      .edition("4.0.1")
      .variant("saq-d")
      .completed("2024-08-01")
      .valid_until("2025-07-31")
      .assessor("Example QSA Inc.");
  acme.self_assessment("acme-vendor-review").id("acme-review-2024").variant("full").completed("2024-02-01");
  acme.listing("dpf")
      .id("acme-dpf")
      .programs({"eu-us", "uk-extension", "swiss-us"})
      .listed("2023-09-01")
      .next_due("2024-09-01")
      .status(listing_status::inactive, "2024-10-01");
  acme.attestation("hipaa").id("acme-hipaa").since("2022-01-01").until("2027-12-31").requires_agreement(agreement_kind::baa);
  b.vendor("host").name("Host Inc.").report("soc2").id("host-soc2").period("2024-01-01", "2024-12-31");
  b.vendor("other-host");

  const auto want = every_field();
  REQUIRE(b.data().vendors.size() == want.vendors.size());
  for (std::size_t i = 0; i < want.vendors.size(); ++i) {
    const auto& got = b.data().vendors[i];
    CHECK_MESSAGE(got == want.vendors[i], want.vendors[i].id.str());
    // Field by field, so that a difference names the field.
    for (std::size_t k = 0; k < std::min(got.evidence.size(), want.vendors[i].evidence.size()); ++k)
      CHECK_MESSAGE(got.evidence[k] == want.vendors[i].evidence[k], want.vendors[i].evidence[k].id.str());
  }
  // Every field of a vendor that every-field.json gives a value is given one by the builder.
  CHECK(fields::present_fields(b.data().vendors) == fields::present_fields(want.vendors));
}
