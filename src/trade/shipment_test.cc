#include <gtest/gtest.h>

#include "embargo/trade.h"

namespace embargo {
namespace {

TEST(ParseShipmentTest, FullForm) {
  auto s = ParseShipment(R"({
    "reference": "INV-1",
    "date": "2026-11-20",
    "parties": [
      {"name": "Dalian Ocean Trading Co", "role": "consignee", "country": "CN",
       "kind": "organization",
       "identifiers": {"swift_bic": "ABCDCNBJ", "registration": ["1", "2"]}},
      {"name": "Ivan Petrov", "role": "agent", "kind": "person"}
    ],
    "vessel": {"name": "OCEAN GLORY", "imo": 7937317, "flag": "Sierra Leone",
               "former_names": ["CHONG CHON GANG"],
               "owner": {"name": "Haeyang Shipping", "country": "KP",
                         "identifiers": {"imo": "1790183"}},
               "operator": "Some Operator Ltd",
               "ship_to_ship": [{"name": "YU PHYONG 5", "flag": "KP",
                                 "date": "2026-11-01", "location": "Yellow Sea"}]},
    "route": {"loading": "KPNAM", "transshipment": "CNDLC", "discharge": "RUVVO",
              "origin": "KP"},
    "goods": [{"hs": "2701.12", "description": "Anthracite", "quantity": 5000,
               "unit": "t", "value": 450000, "currency": "USD",
               "claims": ["livelihood"]}],
    "claims": [{"type": "humanitarian", "reference": "1718C/2026/17"}]
  })");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->reference, "INV-1");
  EXPECT_EQ(s->date.ToString(), "2026-11-20");
  ASSERT_EQ(s->parties.size(), 2u);
  EXPECT_EQ(s->parties[0].kind, EntityKind::kOrganization);
  ASSERT_EQ(s->parties[0].identifiers.size(), 3u);
  EXPECT_EQ(s->parties[0].identifiers[0].kind, IdKind::kRegistration);
  EXPECT_EQ(s->parties[0].identifiers[2].kind, IdKind::kSwiftBic);
  EXPECT_EQ(s->parties[1].kind, EntityKind::kPerson);
  ASSERT_TRUE(s->vessel);
  EXPECT_EQ(s->vessel->imo, "7937317");
  EXPECT_EQ(s->vessel->former_names,
            std::vector<std::string>{"CHONG CHON GANG"});
  ASSERT_TRUE(s->vessel->owner);
  EXPECT_EQ(s->vessel->owner->role, "owner");
  EXPECT_EQ(s->vessel->owner->identifiers[0].kind, IdKind::kImo);
  ASSERT_TRUE(s->vessel->operator_party);
  EXPECT_EQ(s->vessel->operator_party->name, "Some Operator Ltd");
  ASSERT_EQ(s->vessel->ship_to_ship.size(), 1u);
  EXPECT_EQ(s->vessel->ship_to_ship[0].flag, "KP");
  EXPECT_EQ(s->route.transshipment, std::vector<std::string>{"CNDLC"});
  ASSERT_EQ(s->goods.size(), 1u);
  EXPECT_EQ(s->goods[0].quantity, 5000);
  EXPECT_EQ(s->goods[0].claims[0].type, "livelihood");
  EXPECT_EQ(s->claims[0].reference, "1718C/2026/17");
}

TEST(ParseShipmentTest, ErrorsNameTheFieldPath) {
  struct Case {
    const char* json;
    StatusCode code;
    const char* message;
  } cases[] = {
      {R"({"goods": [{"hs": "27x1"}]})", StatusCode::kDataError,
       "shipment: goods[0].hs: '27x1' is not an HS code (6-10 digits)"},
      {R"({"goods": [{"quantity": 3}]})", StatusCode::kDataError,
       "shipment: goods[0].hs: each goods line needs 'hs' or 'description'"},
      {R"({"good": []})", StatusCode::kDataError,
       "shipment: good: unknown field (known: reference, date, parties, "
       "vessel, route, goods, claims)"},
      {R"({"vessel": {"nmae": "X"}})", StatusCode::kDataError,
       "shipment: vessel.nmae: unknown field (known: name, imo, flag, "
       "former_names, owner, operator, ship_to_ship)"},
      {R"({"parties": [{"role": "buyer"}]})", StatusCode::kDataError,
       "shipment: parties[0].name: a party needs a name or identifiers"},
      {R"({"parties": [{"name": "A", "identifiers": {"ssn": "1"}}]})",
       StatusCode::kDataError,
       "shipment: parties[0].identifiers.ssn: unknown identifier kind (e.g. "
       "imo, swift_bic, passport, national_id, registration, tax_id, lei)"},
      {R"({"parties": [{"name": "A", "kind": "vessel"}]})",
       StatusCode::kDataError,
       "shipment: parties[0].kind: 'vessel' is not person or organization"},
      {R"({"date": "2026-02-30"})", StatusCode::kDataError,
       "shipment: date: '2026-02-30' is not a date (YYYY-MM-DD)"},
      {R"({"goods": [{"hs": "270112", "value": -1}]})", StatusCode::kDataError,
       "shipment: goods[0].value: must be a number >= 0"},
      {R"({"route": {"transshipment": [1]}})", StatusCode::kDataError,
       "shipment: route.transshipment[0]: must be a string"},
      {R"({"vessel": {"ship_to_ship": [{"date": "x"}]}})",
       StatusCode::kDataError,
       "shipment: vessel.ship_to_ship[0].name: a transfer needs the other "
       "vessel's name, IMO number or flag"},
      {R"([1])", StatusCode::kDataError,
       "shipment: the document: must be an object"},
  };
  for (const Case& c : cases) {
    auto s = ParseShipment(c.json);
    ASSERT_FALSE(s.ok()) << c.json;
    EXPECT_EQ(s.status().code(), c.code) << c.json;
    EXPECT_EQ(s.status().message(), c.message);
  }
}

TEST(ParseShipmentTest, InvalidJsonAndLimits) {
  auto bad = ParseShipment("{\"goods\": [}");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind("shipment: invalid JSON: ", 0), 0u)
      << bad.status().message();
  auto overflow =
      ParseShipment(R"({"goods": [{"hs": "270112", "value": 1e999}]})");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().code(), StatusCode::kDataError);
  EXPECT_EQ(overflow.status().message().rfind("shipment: invalid JSON: ", 0),
            0u)
      << overflow.status().message();
  std::string many = "{\"goods\": [";
  for (int i = 0; i < 2001; ++i)
    many += std::string(i ? "," : "") + "{\"hs\": \"270112\"}";
  many += "]}";
  auto big = ParseShipment(many);
  EXPECT_EQ(big.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(big.status().message(), "shipment: goods: more than 2000 lines");
}

}  // namespace
}  // namespace embargo
