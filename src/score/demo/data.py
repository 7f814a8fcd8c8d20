"""The demo programme as plain data: SCORE in China, Phase I and the BSCI partnership.

Everything the loader creates is written out here, row by row, so the demo is the same on
every machine and a reader can check it against ../shared/domain/SCORE.md. The donors,
UN agencies, CEC and the buyers are real organisations; the training providers, the
enterprises, their people and their figures are invented but plausible (pinyin names,
China's SCORE size band of 50–500 employees, the sectors and provinces of Phase I).

Keys in the tables (``"ln-tc"``, ``"coop"``, ...) only link rows to each other inside this
file; the database finds objects again by their natural codes (country code, organisation
name, programme / partnership / enterprise code, user e-mail).

Later issues add their tables below (modules, classes, participants, visits, KPIs).
"""

from datetime import date
from decimal import Decimal
from typing import NamedTuple

# --- Countries ---------------------------------------------------------------------------


class CountryRow(NamedTuple):
    code: str
    name: str
    currency: str
    default_language: str = "en"


COUNTRIES = [
    CountryRow("CN", "China", "CNY", "zh-hans"),
    CountryRow("CH", "Switzerland", "CHF"),
    CountryRow("NO", "Norway", "NOK"),
    CountryRow("DE", "Germany", "EUR"),
    CountryRow("BE", "Belgium", "EUR"),
    CountryRow("ES", "Spain", "EUR"),
]

# --- Organisations -----------------------------------------------------------------------


class OrganisationRow(NamedTuple):
    key: str
    name: str
    short_name: str
    kind: str
    country: str | None  # ISO code; None for international organisations
    status: str = "active"
    mou_date: date | None = None
    has_business_plan: bool = False
    website: str = ""
    notes: str = ""
    region: str = ""  # for providers: the province (REGIONS key) whose enterprises it serves


REGIONS = {
    "LN": "Liaoning",
    "CQ": "Chongqing",
    "SC": "Sichuan",
    "ZJ": "Zhejiang",
    "SH": "Shanghai",
}

ORGANISATIONS = [
    # Donors
    OrganisationRow(
        "seco",
        "State Secretariat for Economic Affairs",
        "SECO",
        "donor",
        "CH",
        website="https://www.seco.admin.ch",
        notes="Swiss donor of SCORE since Phase I.",
    ),
    OrganisationRow(
        "norad",
        "Norwegian Agency for Development Cooperation",
        "NORAD",
        "donor",
        "NO",
        website="https://www.norad.no",
        notes="Norwegian donor of SCORE since Phase I.",
    ),
    # Implementation partners
    OrganisationRow(
        "ilo",
        "International Labour Organization",
        "ILO",
        "implementation_partner",
        None,
        website="https://www.ilo.org",
        notes="Runs SCORE: materials, global coordination, M&E.",
    ),
    OrganisationRow(
        "cec",
        "China Enterprise Confederation",
        "CEC",
        # CEC is China's national employers' organisation (the ILO's constituent); its part
        # in SCORE as implementation partner is recorded on the programme, not in its kind.
        "employers_organisation",
        "CN",
        mou_date=date(2010, 11, 18),
        has_business_plan=True,
        notes="National implementation partner of SCORE China; markets and coordinates "
        "delivery through provincial enterprise confederations.",
    ),
    OrganisationRow(
        "unido",
        "United Nations Industrial Development Organization",
        "UNIDO",
        "implementation_partner",
        None,
        website="https://www.unido.org",
        notes="Partner for cleaner production in SCORE China Phase I.",
    ),
    # Training institutions and BDS providers, two per province of Phase I.
    OrganisationRow(
        "ln-tc",
        "Liaoning Enterprise Confederation Training Centre",
        "Liaoning EC Training Centre",
        "training_institution",
        "CN",
        mou_date=date(2011, 3, 15),
        has_business_plan=True,
        region="LN",
        notes="Shenyang. Delivers SCORE classroom training and factory visits in Liaoning.",
    ),
    OrganisationRow(
        "ln-bds",
        "Dalian Huaxin Management Consulting Co., Ltd.",
        "Huaxin Consulting",
        "bds_provider",
        "CN",
        mou_date=date(2011, 4, 2),
        region="LN",
        notes="Dalian. Private consultancy licensed to deliver SCORE.",
    ),
    OrganisationRow(
        "cq-tc",
        "Chongqing Enterprise Confederation Training Centre",
        "Chongqing EC Training Centre",
        "training_institution",
        "CN",
        mou_date=date(2011, 4, 20),
        has_business_plan=True,
        region="CQ",
    ),
    OrganisationRow(
        "cq-bds",
        "Chongqing Yuzhong Productivity Consulting Co., Ltd.",
        "Yuzhong Consulting",
        "bds_provider",
        "CN",
        mou_date=date(2011, 5, 6),
        region="CQ",
    ),
    OrganisationRow(
        "sc-tc",
        "Sichuan Enterprise Management Training Institute",
        "Sichuan EM Institute",
        "training_institution",
        "CN",
        mou_date=date(2011, 6, 28),
        has_business_plan=True,
        region="SC",
        notes="Chengdu.",
    ),
    OrganisationRow(
        "sc-bds",
        "Chengdu Tianfu Enterprise Services Co., Ltd.",
        "Tianfu Services",
        "bds_provider",
        "CN",
        status="discontinued",
        mou_date=date(2011, 7, 11),
        region="SC",
        notes="Delivered SCORE in Phase I; stopped offering it in 2013.",
    ),
    OrganisationRow(
        "zj-tc",
        "Zhejiang Enterprise Confederation Training Centre",
        "Zhejiang EC Training Centre",
        "training_institution",
        "CN",
        mou_date=date(2011, 4, 8),
        has_business_plan=True,
        region="ZJ",
        notes="Hangzhou.",
    ),
    OrganisationRow(
        "zj-bds",
        "Ningbo Jiahe Lean Consulting Co., Ltd.",
        "Jiahe Consulting",
        "bds_provider",
        "CN",
        mou_date=date(2011, 5, 19),
        region="ZJ",
    ),
    OrganisationRow(
        "sh-tc",
        "Shanghai Pudong SME Training Institute",
        "Pudong SME Institute",
        "training_institution",
        "CN",
        mou_date=date(2011, 9, 1),
        has_business_plan=True,
        region="SH",
    ),
    OrganisationRow(
        "sh-bds",
        "Shanghai Hengtong Management Consulting Co., Ltd.",
        "Hengtong Consulting",
        "bds_provider",
        "CN",
        mou_date=date(2011, 10, 17),
        region="SH",
    ),
    # Lead buyers and buyer associations
    OrganisationRow(
        "coop",
        "Coop Switzerland",
        "Coop",
        "lead_buyer",
        "CH",
        website="https://www.coop.ch",
        notes="Swiss retailer; co-funded SCORE training for three Chinese suppliers, 2011–2012.",
    ),
    OrganisationRow(
        "bsci",
        "amfori BSCI",
        "BSCI",
        "buyer_association",
        "BE",
        website="https://www.amfori.org",
        notes="Then the Business Social Compliance Initiative of the Foreign Trade "
        "Association; partner for 10 SMEs in its members' supply chains, 2013–2014.",
    ),
    OrganisationRow("tchibo", "Tchibo GmbH", "Tchibo", "lead_buyer", "DE", notes="BSCI member."),
    OrganisationRow("otto", "Otto Group", "Otto Group", "lead_buyer", "DE", notes="BSCI member."),
    OrganisationRow(
        "lidl", "Lidl Stiftung & Co. KG", "Lidl", "lead_buyer", "DE", notes="BSCI member."
    ),
    OrganisationRow("inditex", "Inditex S.A.", "Inditex", "lead_buyer", "ES"),
    OrganisationRow("adidas", "adidas AG", "adidas", "lead_buyer", "DE"),
]

# --- Programmes and partnerships ---------------------------------------------------------


class ProgrammeRow(NamedTuple):
    code: str
    name: str
    country: str
    phase: int
    start_date: date
    end_date: date
    status: str
    donors: tuple[str, ...]
    implementation_partners: tuple[str, ...]
    description: str


# Phase I is dated 2011 – 2012 (SCORE's first global phase ended in 2012) and Phase II
# from 2013, so that the BSCI partnership (January 2013 – May 2014) falls inside it.
PROGRAMMES = [
    ProgrammeRow(
        "CN-P1",
        "SCORE China Phase I",
        "CN",
        1,
        date(2011, 1, 1),
        date(2012, 12, 31),
        "closed",
        ("seco", "norad"),
        ("cec", "unido", "ilo"),
        "Classroom training and in-factory counselling for SMEs in machinery, auto parts "
        "and garments in Liaoning, Chongqing, Sichuan, Zhejiang and Shanghai, with the "
        "China Enterprise Confederation and UNIDO. 53 SMEs trained.",
    ),
    ProgrammeRow(
        "CN-P2",
        "SCORE China Phase II",
        "CN",
        2,
        date(2013, 1, 1),
        date(2017, 6, 30),
        "closed",
        ("seco", "norad"),
        ("cec", "ilo"),
        "Scaling SCORE through implementation partners and buyer partnerships, among "
        "them amfori BSCI.",
    ),
]


class PartnershipRow(NamedTuple):
    code: str
    name: str
    sponsor: str
    programme: str
    start_date: date
    end_date: date
    budget: Decimal | None
    currency: str
    target_enterprises: int
    target_workers: int | None
    sponsor_fee_share: Decimal
    notes: str


PARTNERSHIPS = [
    PartnershipRow(
        "COOP-CN",
        "Coop Switzerland supplier pilot",
        "coop",
        "CN-P1",
        date(2011, 1, 1),
        date(2012, 12, 31),
        Decimal("4500"),
        "USD",
        3,
        None,
        Decimal("50"),
        "The fee was USD 3,000 per factory, half paid by Coop and half by the supplier; "
        "the budget is Coop's half for three factories.",
    ),
    PartnershipRow(
        "BSCI-CN",
        "amfori BSCI partnership in China",
        "bsci",
        "CN-P2",
        date(2013, 1, 1),
        date(2014, 5, 31),
        Decimal("80000"),
        "USD",
        10,
        2500,
        Decimal("0"),
        "10 SMEs in the supply chains of BSCI members, up to 2,500 workers.",
    ),
]

# --- Enterprises -------------------------------------------------------------------------


class EnterpriseRow(NamedTuple):
    code: str
    name: str
    city: str
    industry: str
    products: str
    female: int
    male: int
    provider: str  # an organisation key of the enterprise's province
    contact: str
    lead_buyers: tuple[str, ...] = ()
    consents: bool = False  # shares its own results with its sponsors


def region_of(code: str) -> str:
    """The province of an enterprise from its code: ``CN1-LN-001`` -> ``Liaoning``."""
    return REGIONS[code.split("-")[1]]


E = EnterpriseRow

# fmt: off
# SCORE China Phase I: 53 SMEs. Enrolled with the provider named in each row; joined in
# the month its province started (JOINED below).
CN_P1_ENTERPRISES = [
    # Liaoning (12): machinery around Shenyang, garments and bearings in Dalian.
    E("CN1-LN-001", "Shenyang Huarui Machine Tool Co., Ltd.", "Shenyang", "machinery",
      "CNC lathes and machining centres", 38, 212, "ln-tc", "Wang Jianguo"),
    E("CN1-LN-002", "Shenyang Beifang Pump and Valve Co., Ltd.", "Shenyang", "machinery",
      "industrial pumps and valves", 41, 163, "ln-tc", "Liu Zhiqiang"),
    E("CN1-LN-003", "Dalian Haitong Bearing Co., Ltd.", "Dalian", "machinery",
      "rolling bearings", 66, 238, "ln-bds", "Zhang Hui"),
    E("CN1-LN-004", "Dalian Jinma Garments Co., Ltd.", "Dalian", "garments",
      "men's shirts and workwear", 231, 44, "ln-bds", "Sun Lixia"),
    E("CN1-LN-005", "Anshan Hongyuan Mining Machinery Co., Ltd.", "Anshan", "machinery",
      "crushers and vibrating screens", 27, 148, "ln-tc", "Zhao Guoqing"),
    E("CN1-LN-006", "Shenyang Xinguang Auto Parts Co., Ltd.", "Shenyang", "auto parts",
      "brake drums and wheel hubs", 52, 301, "ln-tc", "Li Hongwei"),
    E("CN1-LN-007", "Tieling Yongfeng Valve Co., Ltd.", "Tieling", "machinery",
      "gate and butterfly valves", 19, 96, "ln-tc", "Gao Jun"),
    E("CN1-LN-008", "Dalian Ruixiang Precision Machinery Co., Ltd.", "Dalian", "machinery",
      "hydraulic cylinders", 35, 129, "ln-bds", "Yu Haitao"),
    E("CN1-LN-009", "Yingkou Dongsheng Auto Parts Co., Ltd.", "Yingkou", "auto parts",
      "radiators and intercoolers", 48, 175, "ln-bds", "Han Dong"),
    E("CN1-LN-010", "Shenyang Fuda Gear Co., Ltd.", "Shenyang", "machinery",
      "gears and gearboxes", 29, 187, "ln-tc", "Cui Yanbo"),
    E("CN1-LN-011", "Dalian Yuanhang Knitwear Co., Ltd.", "Dalian", "garments",
      "knitted sweaters", 264, 58, "ln-bds", "Qu Xiaohong"),
    E("CN1-LN-012", "Fushun Tianhe Auto Parts Co., Ltd.", "Fushun", "auto parts",
      "rubber seals and hoses", 87, 143, "ln-tc", "Ma Lin"),
    # Chongqing (11): the auto and motorcycle parts cluster.
    E("CN1-CQ-001", "Chongqing Jialing Auto Parts Co., Ltd.", "Chongqing", "auto parts",
      "pistons and cylinder liners", 58, 246, "cq-tc", "Chen Gang"),
    E("CN1-CQ-002", "Chongqing Yufeng Motorcycle Parts Co., Ltd.", "Chongqing", "auto parts",
      "clutches for motorcycles and light vehicles", 71, 189, "cq-tc", "Huang Wei"),
    E("CN1-CQ-003", "Chongqing Shancheng Gear Manufacturing Co., Ltd.", "Chongqing",
      "machinery", "transmission gears", 22, 176, "cq-bds", "Tang Bin"),
    E("CN1-CQ-004", "Chongqing Tianyou Automotive Seating Co., Ltd.", "Chongqing",
      "auto parts", "car seats and seat frames", 112, 208, "cq-tc", "Luo Fang"),
    E("CN1-CQ-005", "Chongqing Xinda Garments Co., Ltd.", "Chongqing", "garments",
      "school uniforms and workwear", 186, 39, "cq-bds", "Deng Li"),
    E("CN1-CQ-006", "Chongqing Fuling Machinery Co., Ltd.", "Chongqing", "machinery",
      "small diesel generators and water pumps", 31, 142, "cq-bds", "Ran Jun"),
    E("CN1-CQ-007", "Chongqing Boyuan Auto Lamp Co., Ltd.", "Chongqing", "auto parts",
      "head and tail lamps", 96, 154, "cq-tc", "Xie Yong"),
    E("CN1-CQ-008", "Chongqing Jinshan Casting Co., Ltd.", "Chongqing", "auto parts",
      "engine block and brake castings", 24, 219, "cq-tc", "Zhou Ming"),
    E("CN1-CQ-009", "Chongqing Hechuan Garments Co., Ltd.", "Chongqing", "garments",
      "jeans and casual trousers", 203, 67, "cq-bds", "Yang Xue", ("inditex",)),
    E("CN1-CQ-010", "Chongqing Sanxia Hydraulic Machinery Co., Ltd.", "Chongqing",
      "machinery", "hydraulic pumps and motors", 18, 103, "cq-tc", "He Qiang"),
    E("CN1-CQ-011", "Chongqing Yongchuan Wire Harness Co., Ltd.", "Chongqing", "auto parts",
      "wiring harnesses", 238, 121, "cq-bds", "Wu Min"),
    # Sichuan (10): heavy machinery in Deyang, parts and garments around Chengdu.
    E("CN1-SC-001", "Deyang Jinhui Heavy Machinery Co., Ltd.", "Deyang", "machinery",
      "forgings and large machined parts", 33, 251, "sc-tc", "Peng Tao"),
    E("CN1-SC-002", "Chengdu Rongxin Auto Parts Co., Ltd.", "Chengdu", "auto parts",
      "exhaust systems", 45, 168, "sc-bds", "Lin Jie"),
    E("CN1-SC-003", "Zigong Chuanfa Valve Co., Ltd.", "Zigong", "machinery",
      "high-pressure valves", 26, 134, "sc-tc", "Xu Bo"),
    E("CN1-SC-004", "Chengdu Shuxiu Garments Co., Ltd.", "Chengdu", "garments",
      "women's wear and embroidered blouses", 178, 31, "sc-bds", "Feng Yan"),
    E("CN1-SC-005", "Mianyang Huatai Auto Parts Co., Ltd.", "Mianyang", "auto parts",
      "steering components", 52, 197, "sc-tc", "Jiang Hao"),
    E("CN1-SC-006", "Chengdu Tianyi Packaging Machinery Co., Ltd.", "Chengdu", "machinery",
      "filling and packaging machines", 19, 88, "sc-bds", "Du Xin"),
    E("CN1-SC-007", "Deyang Xingfu Boiler Equipment Co., Ltd.", "Deyang", "machinery",
      "industrial boilers and pressure vessels", 28, 196, "sc-tc", "Ren Zhiyong"),
    E("CN1-SC-008", "Chengdu Jinjiang Knitwear Co., Ltd.", "Chengdu", "garments",
      "T-shirts and polo shirts", 142, 36, "sc-bds", "Tian Jing", ("adidas",)),
    E("CN1-SC-009", "Suining Hongda Auto Parts Co., Ltd.", "Suining", "auto parts",
      "brake pads and shoes", 61, 121, "sc-tc", "Kang Wei"),
    E("CN1-SC-010", "Chengdu Longquan Machinery Co., Ltd.", "Chengdu", "machinery",
      "agricultural machinery parts", 17, 84, "sc-bds", "Shi Lei"),
    # Zhejiang (11): socks in Zhuji, garments in Ningbo and Shaoxing, pumps and valves.
    E("CN1-ZJ-001", "Zhejiang Hengfeng Socks Co., Ltd.", "Zhuji", "garments",
      "socks", 226, 94, "zj-tc", "Chen Meifang", ("coop",), consents=True),
    E("CN1-ZJ-002", "Ningbo Meilun Garments Co., Ltd.", "Ningbo", "garments",
      "organic cotton T-shirts and sleepwear", 258, 62, "zj-bds", "Xu Lihua", ("coop",),
      consents=True),
    E("CN1-ZJ-003", "Taizhou Jinlong Pump Co., Ltd.", "Taizhou", "machinery",
      "water pumps", 34, 151, "zj-tc", "Ye Jianhua"),
    E("CN1-ZJ-004", "Ningbo Beilun Auto Parts Co., Ltd.", "Ningbo", "auto parts",
      "aluminium die-cast parts", 57, 233, "zj-bds", "Bao Yifan"),
    E("CN1-ZJ-005", "Wenzhou Ouhai Valve Co., Ltd.", "Wenzhou", "machinery",
      "ball valves and fittings", 29, 117, "zj-tc", "Zheng Wenbin"),
    E("CN1-ZJ-006", "Shaoxing Keqiao Garments Co., Ltd.", "Shaoxing", "garments",
      "women's dresses and blouses", 189, 41, "zj-bds", "Shen Yuqin", ("inditex",)),
    E("CN1-ZJ-007", "Yuyao Huayang Auto Parts Co., Ltd.", "Yuyao", "auto parts",
      "plastic interior trim", 88, 164, "zj-bds", "Mao Jie"),
    E("CN1-ZJ-008", "Hangzhou Xinghe Machinery Co., Ltd.", "Hangzhou", "machinery",
      "textile machinery parts", 25, 139, "zj-tc", "Lou Qiang"),
    E("CN1-ZJ-009", "Ruian Hengtai Auto Parts Co., Ltd.", "Ruian", "auto parts",
      "oil and air filters", 73, 129, "zj-tc", "Lin Xiaodong"),
    E("CN1-ZJ-010", "Huzhou Tongle Children's Wear Co., Ltd.", "Huzhou", "garments",
      "children's clothing", 171, 33, "zj-bds", "Qian Hong"),
    E("CN1-ZJ-011", "Jiaxing Jiale Machinery Co., Ltd.", "Jiaxing", "machinery",
      "fasteners and standard parts", 22, 96, "zj-tc", "Zhu Bin"),
    # Shanghai (9)
    E("CN1-SH-001", "Shanghai Jinling Knitwear Co., Ltd.", "Shanghai", "garments",
      "knitted underwear and sleepwear", 247, 51, "sh-tc", "Gu Yuying", ("coop",)),
    E("CN1-SH-002", "Shanghai Songjiang Auto Parts Co., Ltd.", "Shanghai", "auto parts",
      "stamped body parts", 64, 212, "sh-bds", "Shao Wei"),
    E("CN1-SH-003", "Shanghai Minhang Precision Machinery Co., Ltd.", "Shanghai",
      "machinery", "precision moulds", 21, 118, "sh-tc", "Xia Ming"),
    E("CN1-SH-004", "Shanghai Jiading Auto Electronics Co., Ltd.", "Shanghai", "auto parts",
      "sensors and switches", 134, 96, "sh-bds", "Jin Rong"),
    E("CN1-SH-005", "Shanghai Baoshan Heavy Machinery Co., Ltd.", "Shanghai", "machinery",
      "cranes and hoists", 15, 136, "sh-tc", "Lu Jianping"),
    E("CN1-SH-006", "Shanghai Qingpu Garments Co., Ltd.", "Shanghai", "garments",
      "down jackets and outerwear", 198, 47, "sh-bds", "Wang Fang", ("adidas",)),
    E("CN1-SH-007", "Shanghai Anting Auto Parts Co., Ltd.", "Shanghai", "auto parts",
      "seat belts and airbag parts", 101, 147, "sh-tc", "Qiu Lei"),
    E("CN1-SH-008", "Shanghai Fengxian Compressor Co., Ltd.", "Shanghai", "machinery",
      "air compressors", 23, 124, "sh-bds", "Fan Yong"),
    E("CN1-SH-009", "Shanghai Pudong Conveyor Machinery Co., Ltd.", "Shanghai", "machinery",
      "belt conveyors", 18, 79, "sh-bds", "Tao Hui"),
]

# The month each province's first cohort joined Phase I.
JOINED = {
    "LN": date(2011, 4, 11),
    "CQ": date(2011, 5, 9),
    "ZJ": date(2011, 6, 13),
    "SC": date(2011, 9, 5),
    "SH": date(2012, 3, 12),
}

# The Coop pilot's three suppliers (they also list Coop among their lead buyers).
COOP_SUPPLIERS = ("CN1-ZJ-001", "CN1-ZJ-002", "CN1-SH-001")

# SCORE China Phase II, BSCI partnership: 10 SMEs supplying BSCI members, 2,380 workers.
CN_P2_BSCI_ENTERPRISES = [
    E("CN2-ZJ-001", "Yiwu Xinchen Toys Co., Ltd.", "Yiwu", "toys",
      "plush toys", 168, 72, "zj-tc", "Lou Xiaoyan", ("tchibo",)),
    E("CN2-ZJ-002", "Wenzhou Lucheng Shoes Co., Ltd.", "Wenzhou", "footwear",
      "leather shoes", 196, 124, "zj-bds", "Pan Jianxin", ("otto",)),
    E("CN2-ZJ-003", "Ningbo Yinzhou Household Products Co., Ltd.", "Ningbo",
      "household goods", "kitchenware", 112, 98, "zj-tc", "Weng Li", ("tchibo",)),
    E("CN2-ZJ-004", "Cixi Hongyu Electrical Appliances Co., Ltd.", "Cixi",
      "household appliances", "small kitchen appliances", 143, 117, "zj-bds", "Hu Bin",
      ("tchibo", "lidl")),
    E("CN2-ZJ-005", "Shaoxing Yuecheng Home Textiles Co., Ltd.", "Shaoxing", "garments",
      "bed linen and towels", 188, 52, "zj-tc", "Song Yaping", ("otto",)),
    E("CN2-ZJ-006", "Hangzhou Lvyin Garments Co., Ltd.", "Hangzhou", "garments",
      "women's knitwear", 204, 46, "zj-bds", "Fang Qin", ("otto",)),
    E("CN2-SH-001", "Shanghai Huacheng Garments Co., Ltd.", "Shanghai", "garments",
      "men's shirts", 176, 54, "sh-tc", "Yao Lan", ("lidl",)),
    E("CN2-SH-002", "Shanghai Minhua Bags Co., Ltd.", "Shanghai", "leather goods",
      "bags and luggage", 139, 61, "sh-bds", "Cao Min", ("otto",)),
    E("CN2-SH-003", "Shanghai Chongming Wooden Toys Co., Ltd.", "Shanghai", "toys",
      "wooden toys", 121, 59, "sh-tc", "Xue Gang", ("tchibo",)),
    E("CN2-SH-004", "Shanghai Xinlian Footwear Co., Ltd.", "Shanghai", "footwear",
      "sports shoes", 158, 92, "sh-bds", "Dai Wen", ("lidl",)),
]
# fmt: on
BSCI_JOINED = date(2013, 3, 18)

del E

# --- Users -------------------------------------------------------------------------------


class UserRow(NamedTuple):
    role: str  # accounts.models.Role value
    email: str
    password: str
    full_name: str
    is_staff: bool = False
    country: str | None = None  # ISO code, for a country coordinator
    organisation: str | None = None  # organisation key
    enterprise: str | None = None  # enterprise code


# Fixed passwords for a local trial only; `score demo` prints them after every run.
# Never load the demo into a database that anyone else can reach.
# fmt: off
USERS = [
    UserRow("programme_admin", "admin@score.example.org", "demo-admin-2011",
            "Anna Keller", is_staff=True),
    UserRow("country_coordinator", "coordinator.cn@score.example.org",
            "demo-coordinator-2011", "Liu Yang", country="CN"),
    UserRow("provider_staff", "provider.ln@score.example.org", "demo-provider-2011",
            "Sun Hong", organisation="ln-tc"),
    UserRow("trainer", "trainer.ln@score.example.org", "demo-trainer-2011",
            "Zhao Lei", organisation="ln-tc"),
    UserRow("enterprise_user", "manager@hengfeng.example.org",
            "demo-enterprise-2011", "Chen Meifang", enterprise="CN1-ZJ-001"),
    UserRow("sponsor_viewer", "sourcing@coop.example.org", "demo-sponsor-2011",
            "Markus Weber", organisation="coop"),
    UserRow("donor_viewer", "officer@seco.example.org", "demo-donor-2011",
            "Claudia Meier", organisation="seco"),
]
# fmt: on

# The trainer's enterprises in Phase I (all enrolled with the trainer's institution).
TRAINER_ASSIGNMENTS = {
    "trainer.ln@score.example.org": (
        ("CN-P1", "CN1-LN-001"),
        ("CN-P1", "CN1-LN-002"),
        ("CN-P1", "CN1-LN-005"),
        ("CN-P1", "CN1-LN-006"),
        ("CN-P1", "CN1-LN-007"),
    ),
}
