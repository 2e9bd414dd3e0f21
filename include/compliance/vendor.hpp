#ifndef COMPLIANCE_VENDOR_HPP
#define COMPLIANCE_VENDOR_HPP

/// \file
/// Vendors: their names, our agreements with them, the subservice organisations they rely on,
/// and their evidence.

#include "compliance/detail/fields.hpp"
#include "compliance/evidence.hpp"

namespace compliance {

/// A contract between us (the relying party) and the vendor, in force on `[signed_on, ends]`.
struct agreement {
  agreement_kind kind = agreement_kind::baa;
  date signed_on;            ///< `signed`
  std::optional<date> ends;  ///< inclusive; open-ended when absent
};
BOOST_DESCRIBE_STRUCT(agreement, (), (kind, signed_on, ends))

/// A subservice organisation (hosting, sub-processor) whose evidence may be inherited (C16).
struct reliance {
  vendor_id vendor;
  std::optional<reliance_method> method;
  std::optional<std::vector<std::string>> services; ///< which of this vendor's services run on it
};
BOOST_DESCRIBE_STRUCT(reliance, (), (vendor, method, services))

/// A vendor and everything known about it.
struct vendor {
  vendor_id id;
  std::optional<std::string> name;
  std::vector<std::string> aliases;       ///< matched case-insensitively (G2)
  std::vector<reliance> relies_on;
  std::vector<agreement> agreements;
  std::vector<compliance::evidence> evidence;
  std::optional<std::string> notes;
};
BOOST_DESCRIBE_STRUCT(vendor, (), (id, name, aliases, relies_on, agreements, evidence, notes))

} // namespace compliance

#endif
