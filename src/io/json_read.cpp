// Stage 2, the value walker: reads a document's tape into registry_data field by field,
// collecting every problem with its JSON pointer (read_document), and load()'s one pass, which
// reads each vendor as the parser completes it (read_streaming).
#include "compliance/json.hpp"

#include "io/json_internal.hpp"
#include "io/tape_handler.hpp"
#include "util/strings.hpp"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <utility>

namespace compliance {

namespace json = boost::json;
using boost::system::error_code;

namespace detail {

namespace {

template <class E>
std::string vocabulary() {
  std::string out;
  for (const auto& [value, name] : enum_table<E>::names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

std::string kind_name(const jvalue& v) {
  switch (v.kind()) {
  case jkind::object: return "an object";
  case jkind::array: return "an array";
  case jkind::string: return "a string";
  case jkind::int64:
  case jkind::uint64:
  case jkind::double_: return "a number";
  case jkind::boolean: return v.get_bool() ? "true" : "false";
  case jkind::null: return "null";
  }
  return "a value";
}

/// Appends `v` as JSON, stopping once `out` is longer than `limit`.
void write_json(std::string& out, const jvalue& v, std::size_t limit) {
  if (out.size() > limit) return;
  switch (v.kind()) {
  case jkind::null: out += "null"; return;
  case jkind::boolean: out += v.get_bool() ? "true" : "false"; return;
  case jkind::int64: out += std::to_string(v.get_int64()); return;
  case jkind::uint64: out += std::to_string(v.get_uint64()); return;
  case jkind::double_: {
    // Boost would print 1.5 as 1.5E0 and an overflow as Infinity.
    if (!std::isfinite(v.get_double())) {
      out += "a number too large to represent";
      return;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.15g", v.get_double());
    out += buffer;
    return;
  }
  case jkind::string: {
    const auto s = v.get_string();
    out += json::serialize(json::string_view(s.data(), std::min<std::size_t>(s.size(), limit + 1)));
    return;
  }
  case jkind::array: {
    out += '[';
    bool first = true;
    for (const jvalue& e : v.elements()) {
      if (out.size() > limit) return;
      if (!first) out += ',';
      first = false;
      write_json(out, e, limit);
    }
    out += ']';
    return;
  }
  case jkind::object: {
    out += '{';
    bool first = true;
    for (auto m : v.members()) {
      if (out.size() > limit) return;
      if (!first) out += ',';
      first = false;
      out += json::serialize(json::string_view(m.key().data(), m.key().size()));
      out += ':';
      write_json(out, m.value(), limit);
    }
    out += '}';
    return;
  }
  }
}

/// The value as JSON, shortened for a message.
std::string shown(const jvalue& v) {
  std::string s;
  write_json(s, v, 60);
  if (s.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut; // keep UTF-8 whole
    s = s.substr(0, cut) + "...";
  }
  return s;
}

evidence_type typical_of(assurance a) noexcept {
  for (const auto& [t, name] : enum_table<evidence_type>::names)
    if (assurance_of(t) == a) return t;
  return evidence_type::certificate;
}

using names = std::initializer_list<std::string_view>;

class reader {
public:
  reader(std::vector<diagnostic>& diags, bool warn_unknown, vendor_listener* listener)
      : diags_(diags), warn_unknown_(warn_unknown), listener_(listener) {}

  walk_report summary;

  void document(const jvalue& root, registry_data& out) {
    const jvalue* o = root.if_object();
    if (o == nullptr) {
      error(errc::wrong_type, "The document must be a JSON object, not " + kind_name(root) + ".");
      return;
    }
    const jvalue* format = o->if_contains("format");
    if (format == nullptr || format->is_null()) {
      at key(*this, "format");
      error(errc::missing_field, "The required field \"format\" is missing; a registry document starts with "
                                 "\"format\": \"compliance-registry/1\".");
    } else if (!format->is_string() || format->get_string() != registry_format) {
      // Another format (or another version of ours): reading on would only list consequences.
      at key(*this, "format");
      error(errc::wrong_format, "\"format\" is " + shown(*format) + "; this library reads \"compliance-registry/1\".");
      return;
    }
    unknown(*o, {"format", "policy", "frameworks", "vendors"});
    optional(*o, "policy", [&](const jvalue& v) { read_policy(v, out.policy); });
    optional(*o, "frameworks", [&](const jvalue& v) {
      each(v, [&](const jvalue& e) { out.frameworks.push_back(read_framework(e)); });
    });
    optional(*o, "vendors", [&](const jvalue& v) {
      // With a listener, the vendors go where it says, and it hears of each one read.
      vendor_listener* const listener = v.is_array() ? listener_ : nullptr;
      if (listener) listener->start(out, v.size());
      else if (v.is_array()) out.vendors.reserve(v.size());
      std::size_t index = 0;
      each(v, [&](const jvalue& e) {
        const std::size_t i = index++;
        read_vendor(e, i, listener ? listener->next(i) : out.vendors.emplace_back());
        if (listener) listener->read(i, summary.errors == 0);
      });
    });
  }

  /// Reads `v`, element `index` of the root's `vendors` array, into `out` (load's one pass).
  void vendor_element(const jvalue& v, std::size_t index, vendor& out) {
    at vendors(*this, "vendors"), element(*this, index);
    read_vendor(v, index, out);
  }

private:
  struct segment {
    std::string_view key;
    std::size_t index = 0;
    bool is_index = false;
  };

  /// Enters a member or an element for the lifetime of the object.
  struct at {
    at(reader& r, std::string_view key) : r_(r) { r_.path_.push({key, 0, false}); }
    at(reader& r, std::size_t index) : r_(r) { r_.path_.push({{}, index, true}); }
    ~at() { r_.path_.pop(); }
    at(const at&) = delete;
    at& operator=(const at&) = delete;
    reader& r_;
  };

  std::string pointer() const {
    std::string p;
    for (const auto& s : path_) {
      if (s.is_index) append_pointer_index(p, s.index);
      else append_pointer_token(p, s.key);
    }
    return p;
  }

  /// How a message names the current value: `"issued"`, `"aliases"[2]`.
  std::string name() const {
    std::string n;
    std::size_t i = path_.size();
    while (i > 0 && path_[i - 1].is_index) --i;
    if (i > 0) n = "\"" + std::string(path_[i - 1].key) + "\"";
    else n = "the document";
    for (; i < path_.size(); ++i) n += "[" + std::to_string(path_[i].index) + "]";
    return n;
  }

  void error(errc code, std::string message) {
    diags_.push_back(make_error(code, pointer(), std::move(message)));
    ++summary.errors;
  }

  void wrong_type(const jvalue& v, const char* expected) {
    error(errc::wrong_type, name() + " must be " + expected + ", not " + kind_name(v) + ".");
  }

  /// Lint: every member not in `known` (or `more`).
  void unknown(const jvalue& o, names known, names more = {}) {
    if (!warn_unknown_) return;
    for (auto kv : o.members()) {
      const std::string_view k = kv.key();
      if (std::find(known.begin(), known.end(), k) != known.end()) continue;
      if (std::find(more.begin(), more.end(), k) != more.end()) continue;
      std::vector<std::string> candidates(known.begin(), known.end());
      candidates.insert(candidates.end(), more.begin(), more.end());
      const auto suggestion = closest_words(k, candidates, 1);
      at member(*this, k);
      diagnostic d = make_error(errc::bad_value, pointer(),
                                "The field \"" + std::string(k) + "\" is not part of compliance-registry/1 here; load ignores it" +
                                    did_you_mean(suggestion) + ".");
      d.level = diagnostic_level::warning;
      d.lint_code = "unknown-field";
      diags_.push_back(std::move(d));
    }
  }

  // --- members ---------------------------------------------------------------------------------

  /// Calls `f` with the member `key` when it is present and not null.
  template <class F>
  bool optional(const jvalue& o, std::string_view key, F&& f) {
    const jvalue* v = o.if_contains(key);
    if (v == nullptr || v->is_null()) return false;
    at member(*this, key);
    f(*v);
    return true;
  }

  /// Calls `f` with the member `key`; a missing_field error when it is absent or null.
  template <class F>
  bool required(const jvalue& o, std::string_view key, F&& f, const char* why = nullptr) {
    const jvalue* v = o.if_contains(key);
    at member(*this, key);
    if (v == nullptr || v->is_null()) {
      error(errc::missing_field, "The required field \"" + std::string(key) + "\" is " +
                                     (v == nullptr ? "missing" : "null") + (why ? std::string(" (") + why + ")" : "") +
                                     ".");
      return false;
    }
    f(*v);
    return true;
  }

  /// Calls `f(element)` for each element of an array (wrong_type when `v` is not one).
  template <class F>
  void each(const jvalue& v, F&& f) {
    if (!v.is_array()) return wrong_type(v, "an array");
    std::size_t i = 0;
    for (const jvalue& e : v.elements()) {
      at element(*this, i++);
      f(e);
    }
  }

  const jvalue* object(const jvalue& v) {
    const jvalue* o = v.if_object();
    if (o == nullptr) wrong_type(v, "an object");
    return o;
  }

  // --- scalars ---------------------------------------------------------------------------------

  bool text(const jvalue& v, std::string& out) {
    if (!v.is_string()) {
      wrong_type(v, "a string");
      return false;
    }
    out.assign(v.get_string().data(), v.get_string().size());
    return true;
  }

  bool id(const jvalue& v, std::string& out) {
    if (!text(v, out)) return false;
    if (is_valid_id(out)) return true;
    error(errc::bad_id, name() + " must be a non-empty id of lower-case letters, digits, '.', '_' and '-'; " +
                            shown(v) + " is not one.");
    return false;
  }

  bool day(const jvalue& v, date& out) {
    if (!v.is_string()) {
      wrong_type(v, "a YYYY-MM-DD date string");
      return false;
    }
    const auto& s = v.get_string();
    if (auto d = parse_date(std::string_view(s.data(), s.size()))) {
      out = *d;
      return true;
    }
    error(errc::bad_date, name() + " must be a YYYY-MM-DD calendar date; " + shown(v) + " is not one.");
    return false;
  }

  /// A whole number in [lo, hi]. Any other number (1.5, 1e400, 2^70) is a bad value, not a wrong
  /// type: JSON has one number type.
  bool whole(const jvalue& v, int& out, std::int64_t lo, std::int64_t hi) {
    if (!v.is_number()) {
      wrong_type(v, "a whole number");
      return false;
    }
    bool ok = false;
    std::int64_t n = 0;
    if (v.is_int64()) {
      n = v.get_int64();
      ok = n >= lo && n <= hi;
    } else if (v.is_uint64()) {
      ok = v.get_uint64() <= static_cast<std::uint64_t>(hi) && lo <= 0;
      if (ok) n = static_cast<std::int64_t>(v.get_uint64());
    }
    if (!ok) {
      error(errc::bad_value, name() + " must be a whole number from " + std::to_string(lo) + " to " +
                                 std::to_string(hi) + "; " + shown(v) + " is not.");
      return false;
    }
    out = static_cast<int>(n);
    return true;
  }

  bool boolean(const jvalue& v, bool& out) {
    if (!v.is_bool()) {
      wrong_type(v, "true or false");
      return false;
    }
    out = v.get_bool();
    return true;
  }

  template <class E>
  bool word(const jvalue& v, E& out) {
    if (!v.is_string()) {
      wrong_type(v, "a string");
      return false;
    }
    const auto& s = v.get_string();
    if (auto e = enum_from_string<E>(std::string_view(s.data(), s.size()))) {
      out = *e;
      return true;
    }
    error(errc::bad_value, name() + " must be one of " + vocabulary<E>() + "; " + shown(v) + " is not.");
    return false;
  }

  bool words(const jvalue& v, std::vector<std::string>& out) {
    out.clear();
    bool ok = v.is_array();
    each(v, [&](const jvalue& e) {
      std::string s;
      if (text(e, s)) out.push_back(std::move(s));
      else ok = false;
    });
    return ok;
  }

  // --- member shorthands -----------------------------------------------------------------------

  void opt_text(const jvalue& o, std::string_view key, std::optional<std::string>& out) {
    optional(o, key, [&](const jvalue& v) {
      std::string s;
      if (text(v, s)) out = std::move(s);
    });
  }
  void opt_day(const jvalue& o, std::string_view key, std::optional<date>& out) {
    optional(o, key, [&](const jvalue& v) {
      date d;
      if (day(v, d)) out = d;
    });
  }
  void req_day(const jvalue& o, std::string_view key, date& out, const char* why = nullptr) {
    required(o, key, [&](const jvalue& v) { day(v, out); }, why);
  }
  template <class E>
  void opt_word(const jvalue& o, std::string_view key, std::optional<E>& out) {
    optional(o, key, [&](const jvalue& v) {
      E e{};
      if (word(v, e)) out = e;
    });
  }
  template <class E>
  void req_word(const jvalue& o, std::string_view key, E& out) {
    required(o, key, [&](const jvalue& v) { word(v, out); });
  }
  void opt_words(const jvalue& o, std::string_view key, std::optional<std::vector<std::string>>& out) {
    optional(o, key, [&](const jvalue& v) {
      std::vector<std::string> w;
      words(v, w);
      out = std::move(w);
    });
  }
  void list(const jvalue& o, std::string_view key, std::vector<std::string>& out) {
    optional(o, key, [&](const jvalue& v) { words(v, out); });
  }

  // --- records ---------------------------------------------------------------------------------

  void read_policy(const jvalue& v, policy_overrides& p) {
    const jvalue* o = object(v);
    if (o == nullptr) return;
    unknown(*o, {"report_grace_months", "bridge_max_months", "surveillance", "surveillance_grace_days",
                 "accept_inherited", "require_agreements"});
    auto int_field = [&](std::string_view key, std::optional<int>& out, std::int64_t hi) {
      optional(*o, key, [&](const jvalue& x) {
        int n = 0;
        if (whole(x, n, 0, hi)) out = n;
      });
    };
    auto bool_field = [&](std::string_view key, std::optional<bool>& out) {
      optional(*o, key, [&](const jvalue& x) {
        bool b = false;
        if (boolean(x, b)) out = b;
      });
    };
    int_field("report_grace_months", p.report_grace_months, 1200);
    int_field("bridge_max_months", p.bridge_max_months, 1200);
    opt_word(*o, "surveillance", p.surveillance);
    int_field("surveillance_grace_days", p.surveillance_grace_days, 36600);
    bool_field("accept_inherited", p.accept_inherited);
    bool_field("require_agreements", p.require_agreements);
  }

  /// A `frameworks` row: the built-in row of the same id with the given fields replaced. A field
  /// given as null clears an optional value or empties a list (so to_json can say "none").
  framework_info read_framework(const jvalue& v) {
    framework_info f;
    const jvalue* o = object(v);
    if (o == nullptr) return f;
    unknown(*o, {"id", "name", "assurance", "certifiable", "validity_months", "editions", "default_edition",
                 "programs", "last_day", "variants", "merchant_only_variants", "criteria", "implied_criteria",
                 "satisfies", "requires", "requires_agreement", "surveillance_cycle"});
    std::string fid;
    required(*o, "id", [&](const jvalue& x) { id(x, fid); });
    if (const framework_info* base = catalog::builtin().find(fid)) f = *base;
    f.id = framework_id(fid);

    // Present-or-null members: null resets to "none".
    auto given = [&](std::string_view key, auto&& read, auto&& reset) {
      const jvalue* x = o->if_contains(key);
      if (x == nullptr) return;
      at member(*this, key);
      if (x->is_null()) reset();
      else read(*x);
    };
    auto opt_date_field = [&](std::string_view key, std::optional<date>& out) {
      given(key, [&](const jvalue& x) { date d; if (day(x, d)) out = d; }, [&] { out.reset(); });
    };
    auto list_field = [&](std::string_view key, std::vector<std::string>& out) {
      given(key, [&](const jvalue& x) { words(x, out); }, [&] { out.clear(); });
    };
    auto opt_id_field = [&](std::string_view key, std::optional<framework_id>& out) {
      given(key, [&](const jvalue& x) { std::string s; if (id(x, s)) out = framework_id(s); }, [&] { out.reset(); });
    };

    optional(*o, "name", [&](const jvalue& x) { text(x, f.name); });
    optional(*o, "assurance", [&](const jvalue& x) {
      assurance a{};
      if (word(x, a)) f.typical = typical_of(a);
    });
    optional(*o, "certifiable", [&](const jvalue& x) { boolean(x, f.certifiable); });
    given("validity_months", [&](const jvalue& x) { int n = 0; if (whole(x, n, 1, 1200)) f.validity_months = n; },
          [&] { f.validity_months.reset(); });
    given("editions", [&](const jvalue& x) {
      f.editions.clear();
      each(x, [&](const jvalue& e) { f.editions.push_back(read_edition(e)); });
    }, [&] { f.editions.clear(); });
    given("default_edition", [&](const jvalue& x) { std::string s; if (text(x, s)) f.default_edition = s; },
          [&] { f.default_edition.reset(); });
    given("programs", [&](const jvalue& x) {
      f.programs.clear();
      each(x, [&](const jvalue& e) { f.programs.push_back(read_program(e)); });
    }, [&] { f.programs.clear(); });
    opt_date_field("last_day", f.last_day);
    list_field("variants", f.variants);
    list_field("merchant_only_variants", f.merchant_only_variants);
    list_field("criteria", f.criteria);
    list_field("implied_criteria", f.implied_criteria);
    given("satisfies", [&](const jvalue& x) {
      f.satisfies.clear();
      each(x, [&](const jvalue& e) {
        equivalence q;
        if (const jvalue* eo = object(e)) {
          unknown(*eo, {"target", "type2_only"});
          required(*eo, "target", [&](const jvalue& t) { std::string s; if (id(t, s)) q.target = framework_id(s); });
          optional(*eo, "type2_only", [&](const jvalue& t) { boolean(t, q.type2_only); });
        }
        f.satisfies.push_back(std::move(q));
      });
    }, [&] { f.satisfies.clear(); });
    opt_id_field("requires", f.requires);
    given("requires_agreement", [&](const jvalue& x) { agreement_kind k{}; if (word(x, k)) f.requires_agreement = k; },
          [&] { f.requires_agreement.reset(); });
    given("surveillance_cycle", [&](const jvalue& x) { f.cycle = read_cycle(x); }, [&] { f.cycle.reset(); });
    return f;
  }

  /// C5: a framework's `surveillance_cycle` (compliance/surveillance.hpp): its length, the months
  /// its interim audits fall due (increasing, each within the cycle) and an optional window.
  surveillance_cycle read_cycle(const jvalue& v) {
    surveillance_cycle c;
    const jvalue* o = object(v);
    if (o == nullptr) return c;
    unknown(*o, {"months", "interim_due_months", "window_days"});
    required(*o, "months", [&](const jvalue& x) { whole(x, c.months, 1, 1200); });
    required(*o, "interim_due_months", [&](const jvalue& x) {
      c.interim_due_months.clear();
      each(x, [&](const jvalue& e) {
        int m = 0;
        if (!whole(e, m, 1, 1200)) return;
        if (!c.interim_due_months.empty() && m <= c.interim_due_months.back())
          error(errc::bad_value, name() + " is " + std::to_string(m) + ": the months of interim audits must increase.");
        else if (m >= c.months)
          error(errc::bad_value, name() + " is " + std::to_string(m) + ": an interim audit falls due within the cycle of " +
                                     std::to_string(c.months) + " months.");
        c.interim_due_months.push_back(m);
      });
    });
    optional(*o, "window_days", [&](const jvalue& x) { whole(x, c.window_days, 0, 36600); });
    return c;
  }

  edition read_edition(const jvalue& v) {
    edition e;
    const jvalue* o = object(v);
    if (o == nullptr) return e;
    unknown(*o, {"id", "in_force_from", "in_force_through", "last_day", "last_audit_day", "requires"});
    required(*o, "id", [&](const jvalue& x) { text(x, e.id); });
    opt_day(*o, "in_force_from", e.in_force_from);
    opt_day(*o, "in_force_through", e.in_force_through);
    opt_day(*o, "last_day", e.last_day);
    opt_day(*o, "last_audit_day", e.last_audit_day);
    optional(*o, "requires", [&](const jvalue& x) { std::string s; if (id(x, s)) e.requires = framework_id(s); });
    return e;
  }

  program read_program(const jvalue& v) {
    program p;
    const jvalue* o = object(v);
    if (o == nullptr) return p;
    unknown(*o, {"id", "start", "needs"});
    required(*o, "id", [&](const jvalue& x) { text(x, p.id); });
    req_day(*o, "start", p.start);
    list(*o, "needs", p.needs);
    return p;
  }

  void read_vendor(const jvalue& v, std::size_t index, vendor& out) {
    const jvalue* o = object(v);
    if (o == nullptr) return;
    unknown(*o, {"id", "name", "aliases", "notes", "relies_on", "agreements", "evidence"});
    required(*o, "id", [&](const jvalue& x) { std::string s; if (id(x, s)) out.id = vendor_id(s); });
    opt_text(*o, "name", out.name);
    list(*o, "aliases", out.aliases);
    opt_text(*o, "notes", out.notes);
    optional(*o, "relies_on", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        reliance r;
        if (const jvalue* ro = object(e)) {
          unknown(*ro, {"vendor", "method", "services"});
          required(*ro, "vendor", [&](const jvalue& y) { std::string s; if (id(y, s)) r.vendor = vendor_id(s); });
          opt_word(*ro, "method", r.method);
          opt_words(*ro, "services", r.services);
        }
        out.relies_on.push_back(std::move(r));
      });
    });
    optional(*o, "agreements", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        agreement a;
        if (const jvalue* ao = object(e)) {
          unknown(*ao, {"kind", "signed", "ends"});
          req_word(*ao, "kind", a.kind);
          req_day(*ao, "signed", a.signed_on);
          opt_day(*ao, "ends", a.ends);
        }
        out.agreements.push_back(a);
      });
    });
    optional(*o, "evidence", [&](const jvalue& x) {
      if (x.is_array()) out.evidence.reserve(x.size());
      each(x, [&](const jvalue& e) {
        const std::size_t before = summary.errors;
        out.evidence.emplace_back();
        read_evidence(e, out.evidence.back());
        if (summary.errors != before) summary.evidence_with_errors.emplace_back(index, out.evidence.size() - 1);
      });
    });
  }

  void read_evidence(const jvalue& v, evidence& e) {
    const jvalue* o = object(v);
    if (o == nullptr) return;
    required(*o, "id", [&](const jvalue& x) { std::string s; if (id(x, s)) e.id = evidence_id(s); });
    std::optional<evidence_type> type;
    required(*o, "type", [&](const jvalue& x) {
      evidence_type t{};
      if (word(x, t)) type = t;
    });
    required(*o, "framework", [&](const jvalue& x) { std::string s; if (id(x, s)) e.framework = framework_id(s); });
    opt_text(*o, "edition", e.edition);
    optional(*o, "scope", [&](const jvalue& x) {
      compliance::scope s;
      if (const jvalue* so = object(x)) {
        unknown(*so, {"services", "regions", "plans"});
        opt_words(*so, "services", s.services);
        opt_words(*so, "regions", s.regions);
        opt_words(*so, "plans", s.plans);
      }
      e.scope = std::move(s);
    });
    opt_text(*o, "source", e.source);
    opt_text(*o, "notes", e.notes);
    if (!type) return; // the type's own fields cannot be told from unknown ones
    const names common = {"id", "type", "framework", "edition", "scope", "source", "notes"};
    switch (*type) {
    case evidence_type::certificate:
      unknown(*o, common, {"number", "issuer", "accreditation", "first_certified", "issued", "expires", "audits", "status"});
      read_certificate(*o, e.details.emplace<certificate>());
      break;
    case evidence_type::report:
      unknown(*o, common, {"report_type", "as_of", "period", "criteria", "auditor", "opinion", "issued",
                           "bridge_letters", "subservice"});
      read_report(*o, e.details.emplace<compliance::report>());
      break;
    case evidence_type::self_assessment:
      unknown(*o, common, {"variant", "completed", "valid_until", "assessor"});
      read_self_assessment(*o, e.details.emplace<self_assessment>());
      break;
    case evidence_type::listing:
      unknown(*o, common, {"programs", "listed", "next_due", "status", "status_since"});
      read_listing(*o, e.details.emplace<listing>());
      break;
    case evidence_type::attestation:
      unknown(*o, common, {"since", "until", "requires_agreement"});
      read_attestation(*o, e.details.emplace<attestation>());
      break;
    }
  }

  void read_certificate(const jvalue& o, certificate& c) {
    opt_text(o, "number", c.number);
    opt_text(o, "issuer", c.issuer);
    opt_text(o, "accreditation", c.accreditation);
    opt_day(o, "first_certified", c.first_certified);
    req_day(o, "issued", c.issued, "C1: a certificate covers [issued, expires]");
    req_day(o, "expires", c.expires, "C1: a certificate covers [issued, expires]");
    optional(o, "audits", [&](const jvalue& x) {
      c.audits.emplace();
      each(x, [&](const jvalue& e) {
        audit a;
        // The model has no "unknown" kind or outcome, so an audit states all three.
        if (const jvalue* ao = object(e)) {
          unknown(*ao, {"kind", "date", "outcome"});
          req_word(*ao, "kind", a.kind);
          req_day(*ao, "date", a.on);
          req_word(*ao, "outcome", a.outcome);
        }
        c.audits->push_back(a);
      });
    });
    optional(o, "status", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        status_event s;
        if (const jvalue* so = object(e)) {
          unknown(*so, {"state", "from", "to"});
          req_word(*so, "state", s.state);
          req_day(*so, "from", s.from);
          opt_day(*so, "to", s.to);
        }
        c.status.push_back(s);
      });
    });
  }

  void read_report(const jvalue& o, compliance::report& r) {
    std::optional<report_type> kind;
    required(o, "report_type", [&](const jvalue& x) {
      report_type t{};
      if (word(x, t)) kind = t;
    });
    if (kind) r.kind = *kind;
    auto read_as_of = [&](const jvalue& x) {
      date d;
      if (day(x, d)) r.as_of = d;
    };
    auto read_period = [&](const jvalue& x) {
      const jvalue* po = object(x);
      if (po == nullptr) return;
      unknown(*po, {"from", "to"});
      required(*po, "from", [&](const jvalue& y) { date d; if (day(y, d)) r.period_from = d; });
      required(*po, "to", [&](const jvalue& y) { date d; if (day(y, d)) r.period_to = d; });
    };
    // C7/C8: a type 2 report covers its period, a type 1 its as_of date; the other is optional.
    if (kind == report_type::type2) required(o, "period", read_period, "a type 2 report covers a period");
    else optional(o, "period", read_period);
    if (kind == report_type::type1) required(o, "as_of", read_as_of, "a type 1 report is as of one date");
    else optional(o, "as_of", read_as_of);
    opt_words(o, "criteria", r.criteria);
    opt_text(o, "auditor", r.auditor);
    opt_word(o, "opinion", r.auditor_opinion);
    opt_day(o, "issued", r.issued);
    optional(o, "bridge_letters", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        bridge_letter b;
        if (const jvalue* bo = object(e)) {
          unknown(*bo, {"issued", "through"});
          opt_day(*bo, "issued", b.issued);
          req_day(*bo, "through", b.through, "C7: a bridge letter covers through this date");
        }
        r.bridge_letters.push_back(b);
      });
    });
    optional(o, "subservice", [&](const jvalue& x) {
      each(x, [&](const jvalue& e) {
        subservice s;
        if (const jvalue* so = object(e)) {
          unknown(*so, {"vendor", "method"});
          required(*so, "vendor", [&](const jvalue& y) { std::string t; if (id(y, t)) s.vendor = vendor_id(t); });
          opt_word(*so, "method", s.method);
        }
        r.subservices.push_back(std::move(s));
      });
    });
  }

  void read_self_assessment(const jvalue& o, self_assessment& s) {
    opt_text(o, "variant", s.variant);
    req_day(o, "completed", s.completed, "C12: a self-assessment covers from its completion");
    opt_day(o, "valid_until", s.valid_until);
    opt_text(o, "assessor", s.assessor);
  }

  void read_listing(const jvalue& o, listing& l) {
    required(o, "programs", [&](const jvalue& x) { words(x, l.programs); });
    req_day(o, "listed", l.listed, "C13: a listing covers from the day it was listed");
    req_day(o, "next_due", l.next_due, "C13: a listing covers through its re-certification due date");
    opt_word(o, "status", l.status);
    opt_day(o, "status_since", l.status_since);
  }

  void read_attestation(const jvalue& o, attestation& a) {
    req_day(o, "since", a.since, "C14: an attestation covers from this date");
    opt_day(o, "until", a.until);
    opt_word(o, "requires_agreement", a.requires_agreement);
  }

  std::vector<diagnostic>& diags_;
  bool warn_unknown_;
  vendor_listener* listener_;
  /// Where the walker is. The format's own structure bounds the depth (seven at most:
  /// /vendors/i/evidence/j/bridge_letters/k/through), so a fixed array holds it.
  struct path {
    std::array<segment, 16> items;
    std::size_t n = 0;
    void push(segment s) noexcept {
      if (n < items.size()) items[n] = s;
      ++n;
    }
    void pop() noexcept { --n; }
    std::size_t size() const noexcept { return std::min(n, items.size()); }
    const segment& operator[](std::size_t i) const noexcept { return items[i]; }
    const segment* begin() const noexcept { return items.data(); }
    const segment* end() const noexcept { return items.data() + size(); }
  };
  path path_;
};

} // namespace

walk_report read_document(const jvalue& root, registry_data& out, std::vector<diagnostic>& diags,
                          bool warn_unknown, vendor_listener* listener) {
  reader r(diags, warn_unknown, listener);
  r.document(root, out);
  return std::move(r.summary);
}

namespace {

/// Reads the header when the root's `vendors` array starts, then each vendor as the parser
/// completes it, and hands it to the listener; stops reading at the first problem.
class streaming_reader final : public element_sink {
public:
  streaming_reader(registry_data& header, vendor_listener& listener, std::size_t expected)
      : reader_(diags_, false, nullptr), header_(header), listener_(listener), expected_(expected) {}

  void begin(const tape& header) override {
    reader_.document(header.root(), header_);
    ok_ = reader_.summary.errors == 0;
    if (ok_) listener_.start(header_, expected_);
  }
  void element(const jvalue& value, std::size_t index) override {
    if (!ok_) return;
    reader_.vendor_element(value, index, listener_.next(index));
    ok_ = reader_.summary.errors == 0;
    listener_.read(index, ok_);
  }
  bool ok() const noexcept { return ok_; }

private:
  std::vector<diagnostic> diags_;
  reader reader_;
  registry_data& header_;
  vendor_listener& listener_;
  std::size_t expected_;
  bool ok_ = false;
};

} // namespace

bool read_streaming(std::string_view text, registry_data& header, vendor_listener& listener) {
  tape t;
  t.nodes.reserve(4096); // the header and one vendor at a time
  streaming_reader sink(header, listener, text.size() / 2048); // a hint: about 2 kB a vendor
  json::basic_parser<tape_handler> parser(parse_limits(), t, text, &sink);
  error_code ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (ec || used < text.size() || parser.handler().duplicate_keys) return false;
  if (!parser.handler().streamed) { // no vendors array at the root: the whole (small) tape at once
    std::vector<diagnostic> diags;
    return read_document(t.root(), header, diags, false, &listener).errors == 0;
  }
  if (!sink.ok()) return false;
  // A member after "vendors" (a policy, say) would change how the vendors before it are read
  // and checked: such a document takes the two stages instead.
  std::string_view last;
  for (auto m : t.root().members()) last = m.key();
  return last == "vendors";
}

} // namespace detail

} // namespace compliance
