"""The demo programme as plain data: SCORE in China, Phase I, the BSCI partnership in
Phase II and a 2026 cohort that is still running.

Everything the loader creates is written out here, row by row, so the demo is the same on
every machine and a reader can check it against ../shared/domain/SCORE.md. Where there
are too many rows to write out (784 participants, their improvement projects), a random
generator seeded with the enterprise's code draws them, so they too are the same on every
run; the one exception is the 2026 cohort, whose dates follow the day of loading
(CURRENT_COHORT). The donors,
UN agencies, CEC and the buyers are real organisations; the training providers, the
enterprises, their people and their figures are invented but plausible (pinyin names,
China's SCORE size band of 50–500 employees, the sectors and provinces of Phase I).

Keys in the tables (``"ln-tc"``, ``"coop"``, ...) only link rows to each other inside this
file; the database finds objects again by their natural codes (country code, organisation
name, programme / partnership / enterprise code, user e-mail).

Training delivery and counselling (trainers, classes, people, visits, improvement teams
and projects) follow the users, with the sums behind Phase I's published figures. Later
issues add their tables below (KPIs, surveys, fees).
"""

import random
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
    # A programme that is still running, so that a trainer trying the demo today finds
    # visits to make this week (CURRENT_COHORT below).
    ProgrammeRow(
        "CN-P3",
        "SCORE China — 2026 cohort",
        "CN",
        3,
        date(2026, 1, 1),
        date(2027, 6, 30),
        "active",
        ("seco", "norad"),
        ("cec", "ilo"),
        "Workplace Cooperation for a cohort of Liaoning SMEs, delivered by the Liaoning "
        "Enterprise Confederation Training Centre.",
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
        Decimal("75"),
        "10 SMEs in the supply chains of BSCI members, up to 2,500 workers; of the USD "
        "6,000 fee per SME, BSCI pays 4,500 (75%) and the SME 1,500.",
    ),
]

# --- Logframe targets (set by the coordinator at the start of Phase I) --------------------


class TargetRow(NamedTuple):
    programme: str
    indicator: str  # score.programmes.models.LogframeIndicator
    target_date: date
    value: Decimal
    sex: str = ""


_MID, _END = date(2011, 12, 31), date(2012, 12, 31)
LOGFRAME_TARGETS = [
    TargetRow("CN-P1", "smes_trained", _MID, Decimal(40)),
    TargetRow("CN-P1", "smes_trained", _END, Decimal(50)),
    TargetRow("CN-P1", "people_trained", _MID, Decimal(600)),
    TargetRow("CN-P1", "people_trained", _END, Decimal(750)),
    TargetRow("CN-P1", "people_trained", _END, Decimal(300), "female"),
    TargetRow("CN-P1", "workforce", _END, Decimal(12000)),
    TargetRow("CN-P1", "enterprise_visits", _MID, Decimal(150)),
    TargetRow("CN-P1", "enterprise_visits", _END, Decimal(200)),
    TargetRow("CN-P1", "trainers_trained", _END, Decimal(15)),
    TargetRow("CN-P1", "trainers_certified", _END, Decimal(10)),
    TargetRow("CN-P1", "trainers_active", _END, Decimal(8)),
    TargetRow("CN-P1", "expert_trainers", _END, Decimal(3)),
    TargetRow("CN-P1", "expert_trainers", _END, Decimal(1), "female"),
    TargetRow("CN-P1", "cost_covered_non_ilo", _END, Decimal(30)),
    TargetRow("CN-P1", "institutions_embedding", _END, Decimal(6)),
    TargetRow("CN-P1", "sponsors_paying", _END, Decimal(2)),
    TargetRow("CN-P1", "mous_signed", _END, Decimal(8)),
    TargetRow("CN-P1", "business_plans", _END, Decimal(5)),
    TargetRow("CN-P1", "clusters_selected", _END, Decimal(10)),
    TargetRow("CN-P1", "centre_of_excellence", _END, Decimal(1)),
]


def cluster_of(code: str, industry: str) -> str:
    """The industrial cluster an enterprise belongs to: its province and industry (e.g.
    "Liaoning machinery"), the clusters the programme selected."""
    return f"{region_of(code)} {industry}"


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

# SCORE China, 2026 cohort: Liaoning SMEs with the demo trainer's institution; none of
# them took part in Phase I. Their dates follow the day the demo is loaded (CURRENT_COHORT).
CN_P3_ENTERPRISES = [
    E("CN3-LN-001", "Shenyang Zhongke Robot Parts Co., Ltd.", "Shenyang", "machinery",
      "robot joints and speed reducers", 42, 168, "ln-tc", "Pan Yu"),
    E("CN3-LN-002", "Liaoyang Hengsheng Auto Parts Co., Ltd.", "Liaoyang", "auto parts",
      "brake calipers", 55, 190, "ln-tc", "Dong Xiaoming"),
    E("CN3-LN-003", "Shenyang Tiexi Electric Motor Co., Ltd.", "Shenyang", "machinery",
      "industrial electric motors", 37, 221, "ln-tc", "Song Jian"),
    E("CN3-LN-004", "Benxi Jinyuan Garments Co., Ltd.", "Benxi", "garments",
      "workwear and uniforms", 148, 36, "ln-tc", "Lyu Hong"),
    E("CN3-LN-005", "Anshan Xinhe Valve Co., Ltd.", "Anshan", "machinery",
      "control valves", 24, 109, "ln-tc", "Jia Wei"),
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

# The demo trainer's enterprises in Phase I and the 2026 cohort (all enrolled with the
# trainer's institution). The other trainers (TRAINERS) are assigned by the delivery parts.
TRAINER_ASSIGNMENTS = {
    "trainer.ln@score.example.org": (
        ("CN-P1", "CN1-LN-001"),
        ("CN-P1", "CN1-LN-002"),
        ("CN-P1", "CN1-LN-005"),
        ("CN-P1", "CN1-LN-006"),
        ("CN-P1", "CN1-LN-007"),
        ("CN-P3", "CN3-LN-001"),
        ("CN-P3", "CN3-LN-002"),
        ("CN-P3", "CN3-LN-003"),
        ("CN-P3", "CN3-LN-004"),
        ("CN-P3", "CN3-LN-005"),
    ),
}

# =========================================================================================
# Training delivery and counselling (issue 3): trainers, classes, people, visits, teams
# and improvement projects. ``score.demo.delivery`` loads these tables.
#
# The figures that must come out exactly, for SCORE China Phase I (CN-P1):
#   - 53 SMEs trained: every one of the 53 attends a Workplace Cooperation class;
#   - 784 staff trained: 784 distinct people attend CN-P1 classes (PARTICIPANTS_TOTAL,
#     shared out over the enterprises by participant_counts());
#   - 224 enterprise visits done, made up as
#         53 Workplace Cooperation baseline visits
#       + 155 Workplace Cooperation follow-up visits (51 enterprises x 3, and 1 each for
#             the 2 enterprises that dropped out after their first follow-up, DROPS)
#       + 16 visits of the 4 enterprises that went on to Productivity & Cleaner
#             Production (SECOND_MODULE: a baseline and 3 follow-ups each)
#       = 224.
# =========================================================================================


# --- Trainers ----------------------------------------------------------------------------


class TrainerRow(NamedTuple):
    email: str
    full_name: str
    provider: str  # organisation key


# One or two trainers per provider besides the demo trainer (Zhao Lei, ln-tc, in USERS).
# They lead visits and classes; they get no password and are not printed as logins.
TRAINERS = [
    TrainerRow("min.wang@trainers.score.example.org", "Wang Min", "ln-tc"),
    TrainerRow("qiang.sun@trainers.score.example.org", "Sun Qiang", "ln-bds"),
    TrainerRow("jing.li@trainers.score.example.org", "Li Jing", "cq-tc"),
    TrainerRow("tao.zhang@trainers.score.example.org", "Zhang Tao", "cq-tc"),
    TrainerRow("yan.liu@trainers.score.example.org", "Liu Yan", "cq-bds"),
    TrainerRow("fan.yang@trainers.score.example.org", "Yang Fan", "sc-tc"),
    TrainerRow("ping.he@trainers.score.example.org", "He Ping", "sc-bds"),
    TrainerRow("jie.chen@trainers.score.example.org", "Chen Jie", "zj-tc"),
    TrainerRow("hong.zhu@trainers.score.example.org", "Zhu Hong", "zj-tc"),
    TrainerRow("jun.hu@trainers.score.example.org", "Hu Jun", "zj-bds"),
    TrainerRow("wen.xu@trainers.score.example.org", "Xu Wen", "sh-tc"),
    TrainerRow("li.guo@trainers.score.example.org", "Guo Li", "sh-bds"),
]

# The demo trainer, who leads the enterprises TRAINER_ASSIGNMENTS gives them. Every other
# enterprise is led by its provider's TRAINERS in turn (by enterprise code).
DEMO_TRAINER = "trainer.ln@score.example.org"

# --- Classes -----------------------------------------------------------------------------


class ClassRow(NamedTuple):
    code: str
    programme: str
    module: str  # module code
    provider: str  # organisation key of the institution that runs the class
    city: str
    venue: str
    start: date | None  # two days, ``start`` and the day after; None: CURRENT_COHORT
    enterprises: tuple[str, ...]  # enterprise codes, in the order they sit in the class
    notes: str = ""


# Classes meet on a Tuesday and Wednesday; 4–5 enterprises each. Chongqing and Zhejiang
# have 11 enterprises, which cannot be split into classes of 4–5, so one enterprise of a
# neighbouring province joins their class (noted on the class).
# fmt: off
CLASSES = [
    # Phase I, Workplace Cooperation
    ClassRow("CN-P1-WC-LN-01", "CN-P1", "WC", "ln-tc", "Shenyang",
             "Liaoning Enterprise Confederation Training Centre, Heping District, Shenyang",
             date(2011, 5, 17), ("CN1-LN-001", "CN1-LN-002", "CN1-LN-005", "CN1-LN-006")),
    ClassRow("CN-P1-WC-LN-02", "CN-P1", "WC", "ln-bds", "Dalian",
             "Huaxin Consulting training room, Xigang District, Dalian",
             date(2011, 5, 24), ("CN1-LN-003", "CN1-LN-004", "CN1-LN-008", "CN1-LN-011")),
    ClassRow("CN-P1-WC-LN-03", "CN-P1", "WC", "ln-tc", "Shenyang",
             "Liaoning Enterprise Confederation Training Centre, Heping District, Shenyang",
             date(2011, 6, 14), ("CN1-LN-007", "CN1-LN-010", "CN1-LN-012", "CN1-LN-009")),
    ClassRow("CN-P1-WC-CQ-01", "CN-P1", "WC", "cq-tc", "Chongqing",
             "Chongqing Enterprise Confederation, Yuzhong District, Chongqing",
             date(2011, 6, 21), ("CN1-CQ-001", "CN1-CQ-002", "CN1-CQ-004", "CN1-CQ-007")),
    ClassRow("CN-P1-WC-CQ-02", "CN-P1", "WC", "cq-bds", "Chongqing",
             "Yuzhong Consulting training room, Jiangbei District, Chongqing",
             date(2011, 6, 28), ("CN1-CQ-003", "CN1-CQ-005", "CN1-CQ-006", "CN1-CQ-009")),
    ClassRow("CN-P1-WC-CQ-03", "CN-P1", "WC", "cq-tc", "Chongqing",
             "Chongqing Enterprise Confederation, Yuzhong District, Chongqing",
             date(2011, 9, 20), ("CN1-CQ-008", "CN1-CQ-010", "CN1-CQ-011", "CN1-SC-009"),
             "Held after the summer shutdown. Suining Hongda (Sichuan), two hours away, "
             "joined this class rather than wait for the Chengdu classes."),
    ClassRow("CN-P1-WC-SC-01", "CN-P1", "WC", "sc-tc", "Chengdu",
             "Sichuan Enterprise Management Training Institute, Wuhou District, Chengdu",
             date(2011, 10, 11), ("CN1-SC-001", "CN1-SC-003", "CN1-SC-005", "CN1-SC-007")),
    ClassRow("CN-P1-WC-SC-02", "CN-P1", "WC", "sc-bds", "Chengdu",
             "Tianfu Services meeting room, Jinniu District, Chengdu",
             date(2011, 10, 25),
             ("CN1-SC-002", "CN1-SC-004", "CN1-SC-006", "CN1-SC-008", "CN1-SC-010")),
    ClassRow("CN-P1-WC-ZJ-01", "CN-P1", "WC", "zj-tc", "Hangzhou",
             "Zhejiang Enterprise Confederation Training Centre, Xihu District, Hangzhou",
             date(2011, 7, 12),
             ("CN1-ZJ-001", "CN1-ZJ-003", "CN1-ZJ-005", "CN1-ZJ-008", "CN1-ZJ-009")),
    ClassRow("CN-P1-WC-ZJ-02", "CN-P1", "WC", "zj-bds", "Ningbo",
             "Jiahe Consulting training room, Yinzhou District, Ningbo",
             date(2011, 7, 19),
             ("CN1-ZJ-002", "CN1-ZJ-004", "CN1-ZJ-006", "CN1-ZJ-007", "CN1-ZJ-010")),
    ClassRow("CN-P1-WC-SH-01", "CN-P1", "WC", "sh-tc", "Shanghai",
             "Pudong SME Training Institute, Pudong New Area, Shanghai",
             date(2012, 4, 10),
             ("CN1-SH-001", "CN1-SH-003", "CN1-SH-005", "CN1-SH-007", "CN1-ZJ-011"),
             "Jiaxing Jiale (Zhejiang) joined this class: its peak season kept it out of "
             "the 2011 Zhejiang classes, and Jiaxing is an hour from Shanghai."),
    ClassRow("CN-P1-WC-SH-02", "CN-P1", "WC", "sh-bds", "Shanghai",
             "Hengtong Consulting training room, Xuhui District, Shanghai",
             date(2012, 4, 17),
             ("CN1-SH-002", "CN1-SH-004", "CN1-SH-006", "CN1-SH-008", "CN1-SH-009")),
    # Phase I, the second module (SECOND_MODULE)
    ClassRow("CN-P1-PCP-ZJ-01", "CN-P1", "PCP", "zj-tc", "Hangzhou",
             "Zhejiang Enterprise Confederation Training Centre, Xihu District, Hangzhou",
             date(2012, 2, 21),
             ("CN1-ZJ-001", "CN1-ZJ-002", "CN1-ZJ-003", "CN1-ZJ-009"),
             "Run with UNIDO's cleaner production experts."),
    # Phase II, the BSCI partnership's SMEs
    ClassRow("CN-P2-WC-ZJ-01", "CN-P2", "WC", "zj-tc", "Ningbo",
             "Ningbo Yinzhou Enterprise Service Centre, Ningbo",
             date(2013, 5, 14),
             ("CN2-ZJ-001", "CN2-ZJ-002", "CN2-ZJ-003", "CN2-ZJ-004", "CN2-ZJ-005")),
    ClassRow("CN-P2-WC-SH-01", "CN-P2", "WC", "sh-tc", "Shanghai",
             "Pudong SME Training Institute, Pudong New Area, Shanghai",
             date(2013, 5, 21),
             ("CN2-SH-001", "CN2-SH-002", "CN2-SH-003", "CN2-SH-004", "CN2-ZJ-006"),
             "Hangzhou Lvyin (Zhejiang) joined the Shanghai class to keep both classes at "
             "five enterprises."),
    # The 2026 cohort (dates from CURRENT_COHORT)
    ClassRow("CN-P3-WC-LN-01", "CN-P3", "WC", "ln-tc", "Shenyang",
             "Liaoning Enterprise Confederation Training Centre, Heping District, Shenyang",
             None, tuple(row.code for row in CN_P3_ENTERPRISES)),
]
# fmt: on

# Four Zhejiang enterprises took Productivity & Cleaner Production after Workplace
# Cooperation, enrolling on this date (after all four had completed WC in October 2011).
SECOND_MODULE = "PCP"
SECOND_MODULE_REGISTERED = date(2011, 11, 14)

# The steps of a module, in days from the first class day (weekends move to a weekday).
BASELINE_BEFORE_CLASS = 20  # the first enterprise of a class; each next one 2 days later
TEAM_FORMED_AFTER_CLASS = 7
MEETINGS_AFTER_CLASS = (14, 42, 70)
FOLLOW_UPS_AFTER_CLASS = (21, 49, 77)  # "3 follow-up visits within about 3 months"
COMPLETED_AFTER_LAST_VISIT = 14
BASELINE_HOURS = Decimal("5.5")
FOLLOW_UP_HOURS = (Decimal("3.5"), Decimal("3"), Decimal("4"))


class DropRow(NamedTuple):
    follow_ups_done: int  # follow-up visits before dropping out
    dropped_on: date
    reason: str


# Two Phase I enterprises dropped Workplace Cooperation after their first follow-up visit.
# They attended the class, so they count among the 53 SMEs trained; their 4 missing
# follow-up visits are why 4 enterprises take a second module (see the sum above).
DROPS = {
    "CN1-CQ-006": DropRow(
        1,
        date(2011, 8, 30),
        "Lost its main customer in August 2011 and cut production to three days a week; "
        "the management stopped the programme after the first follow-up visit.",
    ),
    "CN1-SC-010": DropRow(
        1,
        date(2011, 12, 20),
        "The owner sold the factory in December 2011 and the new management withdrew from SCORE.",
    ),
}

# The 2026 cohort, in days from the day the demo is loaded. This is the one part of the
# demo that moves with the calendar, so that its trainer (the demo trainer) has follow-up
# visits planned on the next working days whenever the demo is tried. A later run finds
# them by enrolment, type and number, not by date, and adds nothing.
CURRENT_COHORT = {
    "programme": "CN-P3",
    "joined": -70,
    "class": -35,  # the Tuesday on or before; baseline and first follow-up as above
    "first_follow_up_done": 3,  # the first three enterprises; the others have it planned
    "plan_within": 6,  # planned visits fall on the working days of the next 6 days
}

# --- People ------------------------------------------------------------------------------

# 784 people of the 53 Phase I SMEs attended its classes: about 15 a factory, more than the
# 2 managers and 2 workers of the guidance, so Phase I classes are large. Each enterprise's
# share is in proportion to the square root of its workforce (participant_counts).
PARTICIPANTS_TOTAL = 784
# Phase II and the 2026 cohort follow the guidance: 2 managers and 2 workers a factory.
SMALL_CLASS_PEOPLE = 4
# About 2 in 5 participants are women (more in garments), and about a quarter managers.
FEMALE_SHARE_BASE = 0.2
FEMALE_SHARE_OF_WORKFORCE = 0.5

FEMALE_CONTACTS = {
    "Sun Lixia", "Qu Xiaohong", "Luo Fang", "Deng Li", "Yang Xue", "Wu Min", "Feng Yan",
    "Tian Jing", "Chen Meifang", "Xu Lihua", "Shen Yuqin", "Qian Hong", "Gu Yuying",
    "Jin Rong", "Wang Fang", "Tao Hui", "Lou Xiaoyan", "Weng Li", "Song Yaping", "Fang Qin",
    "Yao Lan", "Cao Min", "Lyu Hong",
}  # fmt: skip

SURNAMES = (
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
    "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Zheng", "Liang", "Xie",
    "Song", "Tang", "Han", "Feng", "Deng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong",
    "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding",
)  # fmt: skip
GIVEN_FEMALE = (
    "Xiaoling", "Hong", "Li", "Fang", "Yan", "Juan", "Min", "Jing", "Lihua", "Xiuying",
    "Guiying", "Yumei", "Hui", "Na", "Ping", "Lan", "Xia", "Yun", "Qian", "Ting", "Meiling",
    "Chunhua", "Xiaohong", "Shuang", "Dan", "Lei", "Yanping", "Cuiping", "Haiyan", "Wenjing",
)  # fmt: skip
GIVEN_MALE = (
    "Wei", "Qiang", "Lei", "Jun", "Yong", "Jie", "Tao", "Ming", "Chao", "Hao", "Peng",
    "Bin", "Gang", "Hui", "Jian", "Dong", "Bo", "Long", "Feng", "Kai", "Jianguo", "Zhiwei",
    "Haitao", "Xiaodong", "Guoqiang", "Wenbin", "Jianjun", "Zhigang", "Yang", "Xin",
)  # fmt: skip

MANAGER_TITLES = (
    "Production manager", "Quality manager", "HR and administration manager",
    "Workshop supervisor", "Deputy general manager", "Equipment manager",
    "Finance manager", "Planning manager",
)  # fmt: skip
WORKER_TITLES = {
    "machinery": ("Machine operator", "CNC operator", "Welder", "Assembler",
                  "Maintenance technician", "Quality inspector", "Warehouse keeper",
                  "Team leader, machining"),
    "auto parts": ("Line operator", "Die-casting operator", "Press operator", "Assembler",
                   "Quality inspector", "Maintenance technician", "Painter",
                   "Team leader, assembly"),
    "garments": ("Sewing operator", "Cutter", "Ironer", "Packer", "Quality checker",
                 "Line leader", "Pattern maker", "Sample sewer"),
    "socks": ("Knitting operator", "Linking operator", "Boarding operator", "Packer",
              "Quality checker", "Knitting machine mechanic", "Line leader"),
}  # fmt: skip
OTHER_WORKER_TITLES = ("Production operator", "Quality inspector", "Packer", "Team leader")


class PersonRow(NamedTuple):
    code: str  # unique within the enterprise: P01, P02, ...
    name: str
    sex: str
    role: str  # owner, manager or worker
    job_title: str


# People whose names and jobs the demo fixes: the sock maker's improvement team.
# (name, sex, job title), managers and workers apart; P01 is always the contact (owner).
FIXED_PEOPLE = {
    "CN1-ZJ-001": {
        "managers": (
            ("Zhou Jianping", "male", "Production manager"),
            ("Xu Yan", "female", "Quality manager"),
            ("Wang Lihong", "female", "HR and administration manager"),
        ),
        "workers": (
            ("Jin Xiaofeng", "male", "Knitting machine mechanic"),
            ("Lou Caixia", "female", "Linking (toe-closing) operator"),
            ("He Yumei", "female", "Boarding operator"),
            ("Shou Guoliang", "male", "Knitting operator"),
        ),
    },
}


def participant_counts(rows=None, total: int = PARTICIPANTS_TOTAL) -> dict[str, int]:
    """How many people of each enterprise attend its Phase I class: ``total`` shared in
    proportion to the square root of each workforce (largest remainders get the rest)."""
    rows = CN_P1_ENTERPRISES if rows is None else rows
    weights = [(row.female + row.male) ** 0.5 for row in rows]
    quotas = [total * w / sum(weights) for w in weights]
    counts = [int(q) for q in quotas]
    by_remainder = sorted(range(len(rows)), key=lambda i: (counts[i] - quotas[i], rows[i].code))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return {row.code: n for row, n in zip(rows, counts, strict=True)}


def managers_among(n: int) -> int:
    """Managers (the owner included) among ``n`` participants: about a quarter, at least 2."""
    return max(2, (n + 2) // 4)


def people_of(row: EnterpriseRow, n: int) -> list[PersonRow]:
    """The ``n`` participants of an enterprise: its contact as owner, then managers, then
    workers (FIXED_PEOPLE first); the other names and sexes are drawn from a generator
    seeded with the enterprise code, so they are the same on every run."""
    rng = random.Random(row.code)
    fixed = FIXED_PEOPLE.get(row.code, {"managers": (), "workers": ()})
    n_managers = managers_among(n)
    owner_sex = "female" if row.contact in FEMALE_CONTACTS else "male"
    # (name, sex, role, job title); None where drawn below
    slots = [(row.contact, owner_sex, "owner", "General manager")]
    for i in range(1, n):
        role, pool, k = (
            ("manager", fixed["managers"], i - 1)
            if i < n_managers
            else ("worker", fixed["workers"], i - n_managers)
        )
        name, sex, title = pool[k] if k < len(pool) else (None, None, None)
        slots.append((name, sex, role, title))
    # Draw the sexes of the open slots so that the enterprise's share comes out right.
    share = FEMALE_SHARE_BASE + FEMALE_SHARE_OF_WORKFORCE * row.female / (row.female + row.male)
    open_slots = [i for i, slot in enumerate(slots) if slot[1] is None]
    women_wanted = round(n * share) - sum(1 for slot in slots if slot[1] == "female")
    women = set(rng.sample(open_slots, max(0, min(len(open_slots), women_wanted))))
    worker_titles = WORKER_TITLES.get(
        row.products, WORKER_TITLES.get(row.industry, OTHER_WORKER_TITLES)
    )
    used = {slot[0] for slot in slots if slot[0]}
    people = []
    for i, (name, sex, role, title) in enumerate(slots):
        if name is None:
            sex = "female" if i in women else "male"
            given = GIVEN_FEMALE if sex == "female" else GIVEN_MALE
            while name is None or name in used:
                name = f"{rng.choice(SURNAMES)} {rng.choice(given)}"
            used.add(name)
            title = rng.choice(MANAGER_TITLES if role == "manager" else worker_titles)
        people.append(PersonRow(f"P{i + 1:02d}", name, sex, role, title))
    return people


def team_size(n: int) -> int:
    """Managers (and as many workers) on the improvement team of an enterprise that sent
    ``n`` people to class."""
    return 2 if n < 15 else 3


# --- Visits and meetings -----------------------------------------------------------------

BASELINE_FINDINGS = (
    "Baseline assessment with the general manager, two supervisors and four workers. No "
    "regular meeting between management and workers; suggestions go to line leaders and "
    "stop there. Output and defects are counted by hand at the end of each shift.",
    "Walked the whole shop floor with the production manager. Work in progress piles up "
    "between stations; workers were not told why overtime changed last month. Defect data "
    "exist but are not shared with the line.",
    "Baseline questionnaire filled in with management; worker interviews in the canteen. "
    "Turnover after the Spring Festival is the managers' main worry; workers mention "
    "unclear piece rates and hot workshops.",
    "Baseline visit: KPIs for the last three months collected (output, labour hours, "
    "defects, energy). Communication runs top-down through notices on the wall; there is "
    "a suggestion box but nobody empties it.",
)
BASELINE_NEXT_STEPS = (
    "Send two managers and two workers to the classroom; bring three months of KPI data.",
    "Choose the class participants, managers and workers in equal number; start counting "
    "defects per line every day.",
    "Nominate the people for the improvement team before the class; prepare the staff "
    "list and the last quarter's output figures.",
)
FOLLOW_UP_FINDINGS = (
    (
        "The improvement team has met twice and chose its first project. Members took "
        "the classroom exercises back to their lines; minutes are kept on a flip chart.",
        "Team formed with managers and workers in equal number. Coached the team on "
        "choosing a measurable first project and on running a short weekly meeting.",
        "First follow-up: the team's first meeting ran long and the workers said little. "
        "Practised the round-table method with them; agreed a rota for the secretary.",
    ),
    (
        "First project under way; its before-photos and baseline figures are kept. The "
        "suggestion box is opened every Friday and answers are posted on the notice board.",
        "Checked the project plan: two of four actions done on time. Workers raised 14 "
        "suggestions this month, 6 already carried out.",
        "The team presented its first results to the general manager. Coached them on "
        "measuring the effect before and after, not only the actions done.",
    ),
    (
        "Final follow-up: the first project is done and its savings checked against the "
        "records; the team has chosen its next project on its own.",
        "Reviewed the KPIs with management: defects and overtime are down since the "
        "baseline. The team meets every two weeks without the trainer.",
        "Closing visit: team and management agreed to keep the monthly meeting and the "
        "suggestion scheme; KPI data for the results report collected.",
    ),
)
FOLLOW_UP_NEXT_STEPS = (
    "Keep the weekly team meeting; measure the project's KPI every week until the next visit.",
    "Finish the open project actions; post the suggestion answers on the notice board.",
    "Send the KPI sheet for the last quarter; plan the next project with the whole team.",
)

MEETING_DECISIONS = (
    "Agreed the team rules (every two weeks, 45 minutes, minutes on the notice board) and "
    "chose the first project: {project}.",
    "Reviewed the actions of “{project}”; two are late and get new owners. Three worker "
    "suggestions accepted and passed to the production manager.",
    "Measured the result of “{project}” and reported it to the general manager. Next "
    "meeting chooses the following project from the suggestion box.",
)

# --- Improvement projects ----------------------------------------------------------------


class ProjectRow(NamedTuple):
    title: str
    problem: str
    kpi: str  # indicator code
    cost: int  # CNY
    expected_savings: int  # CNY a year
    actions: tuple[str, ...]
    status: str = ""  # "" lets the loader decide (PROJECT_STATUSES)
    actual_savings: int | None = None  # CNY a year, for a done project; None: drawn
    module: str = "WC"


P = ProjectRow

# fmt: off
PROJECT_IDEAS = {
    "machinery": (
        P("5S in the machining workshop",
          "Operators search for tools and gauges at every changeover; aisles are blocked "
          "by parts waiting for the next operation.", "productivity", 8000, 60000,
          ("Sort and red-tag everything not used in a month",
           "Shadow boards for tools at every machine", "Mark aisles and WIP areas on the floor")),
        P("Cut scrap on the lathe line",
          "About 4% of turned parts fail final inspection, mostly for diameter; the cause "
          "is found only at the end of the batch.", "defect_rate", 12000, 90000,
          ("First-piece inspection by the operator", "Gauge check every 50 parts")),
        P("Preventive maintenance for the CNC machines",
          "Unplanned breakdowns stop the CNC machines about 30 hours a month.",
          "productivity", 20000, 120000,
          ("Daily check sheet for each machine", "Monthly maintenance plan with the operators")),
        P("Suggestion scheme for shop-floor workers",
          "Workers' ideas go to line leaders and are lost; nobody is told what happens to them.",
          "worker_suggestions", 3000, 40000,
          ("Suggestion box emptied every Friday", "Monthly award for the best suggestion")),
        P("Less cutting oil and coolant per part",
          "Coolant is changed on a fixed calendar and spills at the chip conveyor.",
          "material_per_unit", 6000, 45000,
          ("Fix the conveyor drip trays", "Change coolant by concentration, not by date")),
    ),
    "auto parts": (
        P("Fewer defects at final inspection",
          "Final inspection rejects about 3% of parts; the customer has complained twice "
          "this year.", "defect_rate", 15000, 110000,
          ("Defect chart at the end of each line", "Root-cause meeting on the top three defects")),
        P("Quick die change on the press line",
          "Die changes take 70 minutes, so batches are large and stock piles up.",
          "output_capacity", 25000, 150000,
          ("Film a die change and list the steps",
           "Prepare dies and tools before the press stops")),
        P("Stop compressed-air leaks",
          "The compressors run through the night; leaks can be heard along the lines.",
          "energy_per_unit", 5000, 70000,
          ("Leak tagging walk with maintenance",
           "Switch off the compressors after the last shift")),
        P("Safer handling of heavy castings",
          "Three hand injuries in the last six months when lifting castings from the bins.",
          "accidents", 18000, 30000,
          ("Lifting aids at the two worst stations",
           "Gloves and a short training for every shift")),
        P("Monthly meeting on shifts and overtime",
          "Workers learn about overtime the same day; many leave after the Spring Festival.",
          "staff_turnover", 2000, 50000,
          ("Post the overtime plan a week ahead", "Monthly worker–management meeting")),
    ),
    "garments": (
        P("Balance the sewing line",
          "Bundles pile up at the collar and sleeve stations while others wait for work.",
          "productivity", 6000, 80000,
          ("Time study of each operation", "Move two operators to the bottleneck stations")),
        P("Less fabric waste at the cutting table",
          "Markers are drawn by hand and end pieces are thrown away.",
          "material_per_unit", 10000, 95000,
          ("Plan markers for the main styles", "Collect end pieces for small parts")),
        P("Fewer needle injuries",
          "Needle guards are removed to work faster; five needle injuries this year.",
          "accidents", 4000, 20000,
          ("Refit needle guards and check them daily", "First-aid training for line leaders")),
        P("Less rework at end-of-line checking",
          "One garment in twelve goes back to the line for open seams or stains.",
          "rework_rate", 5000, 60000,
          ("Operators check their own work", "Clean workstations at the start of every shift")),
        P("Fewer workers lost after the Spring Festival",
          "A fifth of the operators did not come back after last year's holiday.",
          "staff_turnover", 8000, 70000,
          ("Explain piece rates on a notice board", "Pay the holiday bonus after return")),
    ),
}

# The sock maker's own projects (Coop's figures: production cost per unit down 30%,
# output capacity up 10%).
FIXED_PROJECTS = {
    "CN1-ZJ-001": (
        P("Cut the production cost of a dozen pairs of socks by a third",
          "Knitting, linking and boarding are planned separately: machines wait for yarn "
          "and operators, seconds run at 6%, and the cost of a dozen pairs is above what "
          "Coop's buyers pay.", "production_cost_per_unit", 18000, 240000,
          ("Plan knitting and linking together, one order at a time",
           "Count seconds per machine every shift and fix the worst machines first",
           "Agree piece rates for first-quality pairs with the workers"),
          status="done", actual_savings=310000),
        P("Raise knitting output by cutting machine stoppages",
          "The 120 knitting machines stop for yarn breaks and needle changes about a tenth "
          "of the shift.", "output_capacity", 12000, 150000,
          ("Needle and sinker spares at every row of machines",
           "Mechanics' round every two hours"),
          status="done", actual_savings=170000),
        P("Recover yarn waste and insulate the boarding steam pipes",
          "Yarn ends are swept up with the rubbish and the boarding steam pipes are bare.",
          "energy_per_unit", 35000, 90000,
          ("Separate bins for cotton and nylon yarn ends",
           "Insulate the steam pipes to the boarding machines"),
          status="in_progress", module="PCP"),
    ),
}

# The second module's projects, for the other enterprises that took it.
SECOND_MODULE_PROJECTS = (
    P("Cleaner production: less energy per unit",
      "Motors, lights and compressors run whether the line works or not.",
      "energy_per_unit", 30000, 100000,
      ("Energy walk with the cleaner production expert", "Switch-off rota per workshop"),
      module="PCP"),
    P("Cleaner production: less waste per unit",
      "Off-cuts and packaging go to landfill; nobody knows how much.",
      "waste_per_unit", 15000, 60000,
      ("Weigh waste by kind every day for a month", "Sell sorted scrap to a recycler"),
      module="PCP"),
)
# fmt: on
del P

# How many projects each enterprise runs (1–3), and their statuses by position, for an
# enterprise that completed its module: the first done, the second done or still going,
# the third still going at the end of the programme. A dropped-out enterprise's projects
# are dropped with it.
PROJECT_COUNT_WEIGHTS = {1: 2, 2: 5, 3: 3}
PROJECT_STATUSES = ("done", "done_or_in_progress", "in_progress")
PROJECT_DROPPED_REASON = "The enterprise left the programme; the team stopped meeting."
