// Writing compliance-registry/1 documents: registry_data as a boost::json::value (tag_invoke,
// to_value) and as pretty-printed text (to_json), frameworks rows as their differences from the
// built-in catalog.
#include "compliance/json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <variant>

namespace compliance {

namespace json = boost::json;

namespace {

json::value day_value(date d) { return json::value(to_string(d)); }

json::array text_array(const std::vector<std::string>& v) {
  json::array a;
  a.reserve(v.size());
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

template <class E>
json::value word_value(E e) {
  const std::string_view s = to_string(e);
  return json::value(json::string_view(s.data(), s.size()));
}

void put_text(json::object& o, std::string_view key, const std::optional<std::string>& v) {
  if (v) o.emplace(key, *v);
}
void put_day(json::object& o, std::string_view key, const std::optional<date>& v) {
  if (v) o.emplace(key, day_value(*v));
}
template <class E>
void put_word(json::object& o, std::string_view key, const std::optional<E>& v) {
  if (v) o.emplace(key, word_value(*v));
}
void put_words(json::object& o, std::string_view key, const std::optional<std::vector<std::string>>& v) {
  if (v) o.emplace(key, text_array(*v));
}
void put_list(json::object& o, std::string_view key, const std::vector<std::string>& v) {
  if (!v.empty()) o.emplace(key, text_array(v));
}

json::object edition_value(const edition& e) {
  json::object o;
  o.emplace("id", e.id);
  put_day(o, "in_force_from", e.in_force_from);
  put_day(o, "in_force_through", e.in_force_through);
  put_day(o, "last_day", e.last_day);
  put_day(o, "last_audit_day", e.last_audit_day);
  if (e.requires) o.emplace("requires", e.requires->str());
  return o;
}

/// A frameworks row as its differences from the row load_data starts from (see to_json()).
json::object framework_value(const framework_info& f) {
  framework_info empty;
  const framework_info* found = catalog::builtin().find(f.id.str());
  const framework_info& base = found != nullptr ? *found : empty;
  json::object o;
  o.emplace("id", f.id.str());
  if (f.name != base.name) o.emplace("name", f.name);
  if (f.typical != base.typical) o.emplace("assurance", word_value(assurance_of(f.typical)));
  if (f.certifiable != base.certifiable) o.emplace("certifiable", f.certifiable);
  auto optional_member = [&](std::string_view key, bool differs, bool has, auto&& make) {
    if (!differs) return;
    if (has) o.emplace(key, make());
    else o.emplace(key, nullptr);
  };
  optional_member("validity_months", f.validity_months != base.validity_months, f.validity_months.has_value(),
                  [&] { return json::value(*f.validity_months); });
  if (f.editions != base.editions) {
    json::array a;
    for (const auto& e : f.editions) a.emplace_back(edition_value(e));
    o.emplace("editions", std::move(a));
  }
  optional_member("default_edition", f.default_edition != base.default_edition, f.default_edition.has_value(),
                  [&] { return json::value(*f.default_edition); });
  if (f.programs != base.programs) {
    json::array a;
    for (const auto& p : f.programs) {
      json::object po;
      po.emplace("id", p.id);
      po.emplace("start", day_value(p.start));
      put_list(po, "needs", p.needs);
      a.emplace_back(std::move(po));
    }
    o.emplace("programs", std::move(a));
  }
  optional_member("last_day", f.last_day != base.last_day, f.last_day.has_value(),
                  [&] { return day_value(*f.last_day); });
  auto list_member = [&](std::string_view key, const std::vector<std::string>& v, const std::vector<std::string>& b) {
    if (v != b) o.emplace(key, text_array(v));
  };
  list_member("variants", f.variants, base.variants);
  list_member("merchant_only_variants", f.merchant_only_variants, base.merchant_only_variants);
  list_member("criteria", f.criteria, base.criteria);
  list_member("implied_criteria", f.implied_criteria, base.implied_criteria);
  if (f.satisfies != base.satisfies) {
    json::array a;
    for (const auto& q : f.satisfies) {
      json::object qo;
      qo.emplace("target", q.target.str());
      if (q.type2_only) qo.emplace("type2_only", true);
      a.emplace_back(std::move(qo));
    }
    o.emplace("satisfies", std::move(a));
  }
  optional_member("requires", f.requires != base.requires, f.requires.has_value(),
                  [&] { return json::value(f.requires->str()); });
  optional_member("requires_agreement", f.requires_agreement != base.requires_agreement,
                  f.requires_agreement.has_value(), [&] { return word_value(*f.requires_agreement); });
  optional_member("surveillance_cycle", f.cycle != base.cycle, f.cycle.has_value(), [&] {
    json::object c;
    c.emplace("months", f.cycle->months);
    json::array due;
    for (int m : f.cycle->interim_due_months) due.emplace_back(m);
    c.emplace("interim_due_months", std::move(due));
    if (f.cycle->window_days != 0) c.emplace("window_days", f.cycle->window_days);
    return json::value(std::move(c));
  });
  return o;
}

void details_value(json::object& o, const certificate& c) {
  put_text(o, "number", c.number);
  put_text(o, "issuer", c.issuer);
  put_text(o, "accreditation", c.accreditation);
  put_day(o, "first_certified", c.first_certified);
  o.emplace("issued", day_value(c.issued));
  o.emplace("expires", day_value(c.expires));
  if (c.audits) {
    json::array a;
    for (const auto& x : *c.audits) {
      json::object ao;
      ao.emplace("kind", word_value(x.kind));
      ao.emplace("date", day_value(x.on));
      ao.emplace("outcome", word_value(x.outcome));
      a.emplace_back(std::move(ao));
    }
    o.emplace("audits", std::move(a));
  }
  if (!c.status.empty()) {
    json::array a;
    for (const auto& s : c.status) {
      json::object so;
      so.emplace("state", word_value(s.state));
      so.emplace("from", day_value(s.from));
      put_day(so, "to", s.to);
      a.emplace_back(std::move(so));
    }
    o.emplace("status", std::move(a));
  }
}

void details_value(json::object& o, const report& r) {
  o.emplace("report_type", word_value(r.kind));
  put_day(o, "as_of", r.as_of);
  if (r.period_from || r.period_to) {
    json::object p;
    put_day(p, "from", r.period_from);
    put_day(p, "to", r.period_to);
    o.emplace("period", std::move(p));
  }
  put_words(o, "criteria", r.criteria);
  put_text(o, "auditor", r.auditor);
  put_word(o, "opinion", r.auditor_opinion);
  put_day(o, "issued", r.issued);
  if (!r.bridge_letters.empty()) {
    json::array a;
    for (const auto& b : r.bridge_letters) {
      json::object bo;
      put_day(bo, "issued", b.issued);
      bo.emplace("through", day_value(b.through));
      a.emplace_back(std::move(bo));
    }
    o.emplace("bridge_letters", std::move(a));
  }
  if (!r.subservices.empty()) {
    json::array a;
    for (const auto& s : r.subservices) {
      json::object so;
      so.emplace("vendor", s.vendor.str());
      put_word(so, "method", s.method);
      a.emplace_back(std::move(so));
    }
    o.emplace("subservice", std::move(a));
  }
}

void details_value(json::object& o, const self_assessment& s) {
  put_text(o, "variant", s.variant);
  o.emplace("completed", day_value(s.completed));
  put_day(o, "valid_until", s.valid_until);
  put_text(o, "assessor", s.assessor);
}

void details_value(json::object& o, const listing& l) {
  o.emplace("programs", text_array(l.programs));
  o.emplace("listed", day_value(l.listed));
  o.emplace("next_due", day_value(l.next_due));
  put_word(o, "status", l.status);
  put_day(o, "status_since", l.status_since);
}

void details_value(json::object& o, const attestation& a) {
  o.emplace("since", day_value(a.since));
  put_day(o, "until", a.until);
  put_word(o, "requires_agreement", a.requires_agreement);
}

json::object evidence_value(const evidence& e) {
  json::object o;
  o.emplace("id", e.id.str());
  o.emplace("type", word_value(e.type()));
  o.emplace("framework", e.framework.str());
  put_text(o, "edition", e.edition);
  if (e.scope) {
    json::object s;
    put_words(s, "services", e.scope->services);
    put_words(s, "regions", e.scope->regions);
    put_words(s, "plans", e.scope->plans);
    o.emplace("scope", std::move(s));
  }
  std::visit([&](const auto& d) { details_value(o, d); }, e.details);
  put_text(o, "source", e.source);
  put_text(o, "notes", e.notes);
  return o;
}

json::object vendor_value(const vendor& v) {
  json::object o;
  o.emplace("id", v.id.str());
  put_text(o, "name", v.name);
  put_list(o, "aliases", v.aliases);
  put_text(o, "notes", v.notes);
  if (!v.relies_on.empty()) {
    json::array a;
    for (const auto& r : v.relies_on) {
      json::object ro;
      ro.emplace("vendor", r.vendor.str());
      put_word(ro, "method", r.method);
      put_words(ro, "services", r.services);
      a.emplace_back(std::move(ro));
    }
    o.emplace("relies_on", std::move(a));
  }
  if (!v.agreements.empty()) {
    json::array a;
    for (const auto& g : v.agreements) {
      json::object go;
      go.emplace("kind", word_value(g.kind));
      go.emplace("signed", day_value(g.signed_on));
      put_day(go, "ends", g.ends);
      a.emplace_back(std::move(go));
    }
    o.emplace("agreements", std::move(a));
  }
  if (!v.evidence.empty()) {
    json::array a;
    for (const auto& e : v.evidence) a.emplace_back(evidence_value(e));
    o.emplace("evidence", std::move(a));
  }
  return o;
}

bool scalar(const json::value& v) noexcept { return !v.is_object() && !v.is_array(); }

/// Two-space indented; an array of scalars stays on one line (lists of words read best so).
void pretty(std::string& out, const json::value& v, std::size_t indent) {
  if (const auto* o = v.if_object()) {
    if (o->empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& kv : *o) {
      if (!first) out += ",\n";
      first = false;
      out.append(indent + 2, ' ');
      out += json::serialize(kv.key());
      out += ": ";
      pretty(out, kv.value(), indent + 2);
    }
    out += '\n';
    out.append(indent, ' ');
    out += '}';
  } else if (const auto* a = v.if_array()) {
    if (a->empty()) {
      out += "[]";
      return;
    }
    if (std::all_of(a->begin(), a->end(), scalar)) {
      out += '[';
      for (std::size_t i = 0; i < a->size(); ++i) {
        if (i != 0) out += ", ";
        out += json::serialize((*a)[i]);
      }
      out += ']';
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (i != 0) out += ",\n";
      out.append(indent + 2, ' ');
      pretty(out, (*a)[i], indent + 2);
    }
    out += '\n';
    out.append(indent, ' ');
    out += ']';
  } else {
    out += json::serialize(v);
  }
}

} // namespace

void tag_invoke(boost::json::value_from_tag, boost::json::value& out, const registry_data& data) {
  json::object o;
  o.emplace("format", json::string_view(registry_format.data(), registry_format.size()));
  if (!data.policy.empty()) {
    const auto& p = data.policy;
    json::object po;
    if (p.report_grace_months) po.emplace("report_grace_months", *p.report_grace_months);
    if (p.bridge_max_months) po.emplace("bridge_max_months", *p.bridge_max_months);
    put_word(po, "surveillance", p.surveillance);
    if (p.surveillance_grace_days) po.emplace("surveillance_grace_days", *p.surveillance_grace_days);
    if (p.accept_inherited) po.emplace("accept_inherited", *p.accept_inherited);
    if (p.require_agreements) po.emplace("require_agreements", *p.require_agreements);
    o.emplace("policy", std::move(po));
  }
  if (!data.frameworks.empty()) {
    json::array a;
    for (const auto& f : data.frameworks) a.emplace_back(framework_value(f));
    o.emplace("frameworks", std::move(a));
  }
  json::array vendors;
  vendors.reserve(data.vendors.size());
  for (const auto& v : data.vendors) vendors.emplace_back(vendor_value(v));
  o.emplace("vendors", std::move(vendors));
  out = std::move(o);
}

boost::json::value to_value(const registry_data& data) {
  json::value v;
  tag_invoke(json::value_from_tag{}, v, data);
  return v;
}

std::string to_json(const registry_data& data) {
  std::string out;
  pretty(out, to_value(data), 0);
  out += '\n';
  return out;
}

} // namespace compliance
