// A deterministic generator of realistic registries (fixed seed): N vendors with about five
// evidence each, mixing all five evidence types, with audits, suspensions, bridge letters,
// scopes, agreements and relies_on links. Used by the benchmarks and by the property tests.
#ifndef COMPLIANCE_BENCHMARKS_GENERATOR_HPP
#define COMPLIANCE_BENCHMARKS_GENERATOR_HPP

#include <compliance/registry.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace compliance::generator {

/// splitmix64: the same sequence on every platform and compiler.
class rng {
public:
  explicit rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, n).
  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
  /// True with probability percent/100.
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(v.size()))]; }

private:
  std::uint64_t state_;
};

/// The first and last day of the generated evidence span; queries draw dates inside it.
inline date span_first() { return date(2016, 1, 1); }
inline date span_last() { return date(2027, 12, 31); }

/// A random day in [span_first, span_last].
inline date random_day(rng& r) {
  return span_first() + boost::gregorian::days(static_cast<long>(r.below(static_cast<std::uint64_t>(
                            (span_last() - span_first()).days() + 1))));
}

/// The id of generated vendor `i`.
inline std::string vendor_name(std::size_t i) { return "vendor-" + std::to_string(i); }

/// Generates `vendors` vendors from `seed`.
inline registry_data generate(std::size_t vendors, std::uint64_t seed = 20261123) {
  rng r(seed);
  registry_data data;
  data.vendors.reserve(vendors);
  const std::vector<std::string> services = {"api", "storage", "analytics", "payments", "hosting"};
  const std::vector<std::string> regions = {"eu", "us", "uk", "apac"};
  const std::vector<std::string> plans = {"basic", "business", "enterprise"};
  const std::vector<std::string> issuers = {"Schellman & Company, LLC", "BSI", "Bureau Veritas Certification",
                                            "A-LIGN", "TÜV SÜD"};
  auto subset = [&r](const std::vector<std::string>& from) {
    std::vector<std::string> out;
    for (const auto& x : from)
      if (r.chance(40)) out.push_back(x);
    if (out.empty()) out.push_back(r.pick(from));
    return out;
  };
  for (std::size_t i = 0; i < vendors; ++i) {
    vendor v;
    v.id = vendor_id(vendor_name(i));
    v.name = "Vendor " + std::to_string(i) + " Inc.";
    if (r.chance(20)) v.aliases.push_back("Vendor " + std::to_string(i) + " Cloud");
    if (i > 0 && r.chance(10)) {
      reliance link;
      link.vendor = vendor_id(vendor_name(static_cast<std::size_t>(r.below(i)))); // earlier vendors only: no cycles
      link.method = r.chance(70) ? reliance_method::carve_out : reliance_method::inclusive;
      if (r.chance(50)) link.services = std::vector<std::string>{r.pick(services)};
      v.relies_on.push_back(std::move(link));
    }
    if (r.chance(30)) v.agreements.push_back({agreement_kind::baa, random_day(r), std::nullopt});
    if (r.chance(30)) {
      const date s = random_day(r);
      v.agreements.push_back({agreement_kind::dpa, s, r.chance(50) ? std::optional<date>(add_months(s, 24)) : std::nullopt});
    }
    const std::size_t count = 3 + static_cast<std::size_t>(r.below(5)); // 3..7, about 5
    for (std::size_t k = 0; k < count; ++k) {
      evidence e;
      e.id = evidence_id(vendor_name(i) + "-e" + std::to_string(k));
      if (r.chance(20)) {
        scope sc;
        if (r.chance(60)) sc.services = subset(services);
        if (r.chance(40)) sc.regions = subset(regions);
        if (r.chance(30)) sc.plans = subset(plans);
        e.scope = sc;
      }
      if (r.chance(30)) e.source = "https://trust.vendor-" + std::to_string(i) + ".example/compliance";
      if (r.chance(10)) e.notes = "Generated evidence " + std::to_string(k) + " of vendor " + std::to_string(i) + ".";
      const date start = random_day(r);
      switch (r.below(5)) {
      case 0: {
        static const std::vector<std::string> fws = {"iso27001", "iso27001", "iso27001", "iso27017", "iso27701", "iso9001", "hitrust"};
        e.framework = framework_id(r.pick(fws));
        if (e.framework.str() == "iso27001") e.edition = r.chance(50) ? "2013" : "2022";
        certificate c;
        c.number = std::to_string(100000 + r.below(900000)) + "-" + std::to_string(1 + r.below(9));
        c.issuer = r.pick(issuers);
        if (r.chance(40)) c.first_certified = add_months(start, -36);
        c.issued = start;
        c.expires = add_months(start, 36) - boost::gregorian::days(1);
        if (r.chance(50)) {
          c.audits.emplace();
          const std::size_t audits = static_cast<std::size_t>(r.below(3));
          for (std::size_t a = 0; a < audits; ++a) {
            const auto outcome = r.chance(85) ? audit_outcome::passed
                                 : r.chance(50) ? audit_outcome::major_nonconformity
                                                : audit_outcome::failed;
            c.audits->push_back({audit_kind::surveillance,
                                 add_months(start, 12 * static_cast<long>(a + 1)) - boost::gregorian::days(static_cast<long>(r.below(60))),
                                 outcome});
          }
        }
        if (r.chance(5)) {
          const date from = add_months(start, static_cast<long>(1 + r.below(30)));
          c.status.push_back({status_state::suspended, from, r.chance(50) ? std::optional<date>(from + boost::gregorian::days(static_cast<long>(r.below(250)))) : std::nullopt});
          if (r.chance(50)) c.status.push_back({status_state::reinstated, from + boost::gregorian::days(static_cast<long>(30 + r.below(200))), std::nullopt});
        }
        if (r.chance(2)) c.status.push_back({status_state::withdrawn, add_months(start, static_cast<long>(r.below(36))), std::nullopt});
        e.details = c;
        break;
      }
      case 1: {
        static const std::vector<std::string> fws = {"soc2", "soc2", "soc2", "soc1", "isae3402", "soc3", "c5"};
        e.framework = framework_id(r.pick(fws));
        report rep;
        if (r.chance(10)) {
          rep.kind = report_type::type1;
          rep.as_of = start;
        } else {
          rep.kind = report_type::type2;
          rep.period_from = start;
          rep.period_to = add_months(start, r.chance(90) ? 12 : 4) - boost::gregorian::days(1);
          if (r.chance(20)) rep.bridge_letters.push_back({add_months(*rep.period_to, 1), add_months(*rep.period_to, static_cast<long>(1 + r.below(5)))});
        }
        if (e.framework.str() == "soc2" || e.framework.str() == "soc3") {
          static const std::vector<std::string> crit = {"availability", "confidentiality", "processing-integrity", "privacy"};
          std::vector<std::string> cs{"security"};
          for (const auto& c : crit)
            if (r.chance(40)) cs.push_back(c);
          rep.criteria = cs;
        }
        rep.auditor = r.pick(issuers);
        if (r.chance(80)) rep.auditor_opinion = r.chance(90) ? opinion::unqualified : r.chance(70) ? opinion::qualified : opinion::adverse;
        e.details = rep;
        break;
      }
      case 2: {
        self_assessment s;
        if (r.chance(70)) {
          e.framework = framework_id("pci-dss");
          static const std::vector<std::string> variants = {"saq-d", "saq-d", "roc", "saq-a", "saq-a-ep"};
          s.variant = r.pick(variants);
          e.edition = start < date(2024, 4, 1) ? "3.2.1" : "4.0.1";
        } else {
          e.framework = framework_id("csa-star");
          s.variant = "caiq";
        }
        s.completed = start;
        if (r.chance(10)) s.valid_until = add_months(start, 6);
        e.details = s;
        break;
      }
      case 3: {
        e.framework = framework_id("dpf");
        listing l;
        l.programs = {"eu-us"};
        if (r.chance(50)) l.programs.push_back("uk-extension");
        if (r.chance(40)) l.programs.push_back("swiss-us");
        l.listed = start;
        l.next_due = add_months(start, 12);
        if (r.chance(10)) {
          l.status = r.chance(50) ? listing_status::inactive : listing_status::removed;
          if (r.chance(70)) l.status_since = add_months(start, static_cast<long>(r.below(12)));
        } else if (r.chance(60)) {
          l.status = listing_status::active;
        }
        e.details = l;
        break;
      }
      default: {
        static const std::vector<std::string> fws = {"hipaa", "gdpr", "ccpa"};
        e.framework = framework_id(r.pick(fws));
        attestation a;
        a.since = start;
        if (r.chance(30)) a.until = add_months(start, 24);
        e.details = a;
        break;
      }
      }
      v.evidence.push_back(std::move(e));
    }
    data.vendors.push_back(std::move(v));
  }
  return data;
}

} // namespace compliance::generator

#endif
