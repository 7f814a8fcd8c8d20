"""Seed data: the indicator table of domain/SCORE.md, good practices per core module and a
few exchange rates. Used by the data migrations and reusable by the demo loader."""

from django.utils.translation import gettext_noop
from django.utils.translation import gettext_noop as N_

# The units of the catalogue, spelt out for makemessages (xgettext knows gettext_noop, not
# the N_ alias): reports show ``gettext(indicator.unit)``.
UNITS = (
    # xgettext:no-python-format
    gettext_noop("%"),
    # xgettext:no-python-format
    gettext_noop("% / period"),
    gettext_noop("count / period"),
    gettext_noop("currency / unit"),
    gettext_noop("currency per period"),
    gettext_noop("h"),
    gettext_noop("kWh"),
    gettext_noop("kWh / unit"),
    gettext_noop("kg / unit"),
    gettext_noop("people"),
    gettext_noop("units"),
    gettext_noop("units / labour hour"),
    gettext_noop("units / period"),
)


def _i(code, name, zh, unit, direction, kind="raw", formula="", lo=None, hi=None, jump=None):
    return {
        "code": code,
        "name": name,
        "zh-hans": zh,
        "unit": unit,
        "direction": direction,
        "kind": kind,
        "formula": formula,
        "is_money": code in MONEY,
        "min_value": lo,
        "max_value": hi,
        "jump_factor": jump,
    }


MONEY = {"production_cost_per_unit", "cost_savings"}

INDICATORS = [
    _i(
        "employees_female",
        N_("Female employees"),
        "女性员工",
        N_("people"),
        "context",
        lo=0,
        hi=100000,
        jump=3,
    ),
    _i(
        "employees_male",
        N_("Male employees"),
        "男性员工",
        N_("people"),
        "context",
        lo=0,
        hi=100000,
        jump=3,
    ),
    _i("units_produced", N_("Output"), "产量", N_("units"), "context", lo=0, jump=5),
    _i("labour_hours", N_("Labour hours"), "工时", N_("h"), "context", lo=0, jump=5),
    _i(
        "productivity",
        N_("Productivity"),
        "生产率",
        N_("units / labour hour"),
        "up",
        "computed",
        "units_produced / labour_hours",
        lo=0,
        jump=5,
    ),
    _i("defective_units", N_("Defective units"), "次品数", N_("units"), "context", lo=0, jump=5),
    _i(
        "defect_rate",
        N_("Defect rate"),
        "次品率",
        N_("%"),
        "down",
        "computed",
        "defective_units / units_produced * 100",
        lo=0,
        hi=100,
        jump=5,
    ),
    _i("rework_rate", N_("Rework rate"), "返工率", N_("%"), "down", lo=0, hi=100, jump=5),
    _i("energy_kwh", N_("Energy used"), "能耗", N_("kWh"), "context", lo=0, jump=5),
    _i(
        "energy_per_unit",
        N_("Energy per unit"),
        "单位产品能耗",
        N_("kWh / unit"),
        "down",
        "computed",
        "energy_kwh / units_produced",
        lo=0,
        jump=5,
    ),
    _i(
        "material_per_unit",
        N_("Material usage per unit"),
        "单位产品材料消耗",
        N_("kg / unit"),
        "down",
        lo=0,
        jump=5,
    ),
    _i(
        "waste_per_unit",
        N_("Waste per unit"),
        "单位产品废料",
        N_("kg / unit"),
        "down",
        lo=0,
        jump=5,
    ),
    _i(
        "production_cost_per_unit",
        N_("Production cost per unit"),
        "单位生产成本",
        N_("currency / unit"),
        "down",
        lo=0,
        jump=5,
    ),
    _i("output_capacity", N_("Output capacity"), "产能", N_("units / period"), "up", lo=0, jump=5),
    _i(
        "cost_savings",
        N_("Cost savings"),
        "成本节约",
        N_("currency per period"),
        "up",
        "reported_amount",
        lo=0,
    ),
    _i("accidents", N_("Work accidents"), "工伤事故", N_("count / period"), "down", lo=0, hi=10000),
    _i("absenteeism_rate", N_("Absenteeism"), "缺勤率", N_("%"), "down", lo=0, hi=100, jump=5),
    _i(
        "staff_turnover",
        N_("Staff turnover"),
        "员工流失率",
        N_("% / period"),
        "down",
        lo=0,
        hi=500,
        jump=5,
    ),
    _i(
        "worker_complaints", N_("Worker complaints"), "员工投诉", N_("count / period"), "down", lo=0
    ),
    _i(
        "worker_suggestions", N_("Worker suggestions"), "员工建议", N_("count / period"), "up", lo=0
    ),
    _i(
        "eit_meetings",
        N_("EIT meetings held"),
        "EIT会议次数",
        N_("count / period"),
        "up",
        lo=0,
        hi=400,
    ),
    _i(
        "on_time_delivery",
        N_("On-time delivery"),
        "准时交货率",
        N_("%"),
        "up",
        lo=0,
        hi=100,
        jump=5,
    ),
]

# The indicators a visit form offers an enterprise without any baseline yet.
STANDARD_SET = [
    "employees_female",
    "employees_male",
    "units_produced",
    "labour_hours",
    "defective_units",
    "energy_kwh",
    "material_per_unit",
    "production_cost_per_unit",
    "cost_savings",
    "accidents",
    "worker_suggestions",
    "eit_meetings",
]

PRACTICES = {
    "WC": [
        ("wc_eit_exists", N_("An Enterprise Improvement Team exists"), "已成立企业改进小组"),
        ("wc_eit_monthly", N_("The EIT meets at least monthly"), "企业改进小组至少每月开会一次"),
        ("wc_suggestion_scheme", N_("A suggestion scheme is in place"), "已建立员工建议制度"),
        (
            "wc_eit_balanced",
            N_("Workers and managers are equally represented in the EIT"),
            "改进小组中员工与管理人员人数相等",
        ),
        (
            "wc_info_board",
            N_("Results are shared with all workers, e.g. on a notice board"),
            "改进成果向全体员工公开，如公告栏",
        ),
    ],
    "QM": [
        (
            "qm_customer_feedback",
            N_("Customer complaints are recorded and followed up"),
            "记录并跟进客户投诉",
        ),
        (
            "qm_defects_recorded",
            N_("Defects are recorded by type and cause"),
            "按类型和原因记录次品",
        ),
        (
            "qm_root_cause",
            N_("Root causes of major defects are analysed"),
            "分析主要缺陷的根本原因",
        ),
        (
            "qm_standards_posted",
            N_("Quality standards are posted at workstations"),
            "工位张贴质量标准",
        ),
    ],
    "PCP": [
        ("pcp_5s", N_("5S housekeeping is practised on the shop floor"), "车间推行5S管理"),
        (
            "pcp_energy_metered",
            N_("Energy use is metered and reviewed monthly"),
            "每月计量并检查能耗",
        ),
        (
            "pcp_waste_sorted",
            N_("Waste is sorted and recycled where possible"),
            "废料分类并尽可能回收",
        ),
        ("pcp_material_tracked", N_("Material use per unit is tracked"), "跟踪单位产品材料消耗"),
    ],
    "HR": [
        ("hr_written_contracts", N_("All workers have written contracts"), "所有员工签订书面合同"),
        (
            "hr_pay_slips",
            N_("Pay slips show hours, overtime and deductions"),
            "工资单列明工时、加班和扣款",
        ),
        ("hr_training_plan", N_("A skills training plan exists"), "制定技能培训计划"),
        (
            "hr_turnover_tracked",
            N_("Staff turnover and absenteeism are tracked"),
            "跟踪员工流失率和缺勤率",
        ),
    ],
    "OSH": [
        (
            "osh_risk_assessment",
            N_("A workplace risk assessment has been done"),
            "已进行工作场所风险评估",
        ),
        (
            "osh_committee",
            N_("A safety committee with worker members meets regularly"),
            "有员工参与的安全委员会定期开会",
        ),
        (
            "osh_ppe",
            N_("Protective equipment is provided free and used"),
            "免费提供并使用劳动防护用品",
        ),
        (
            "osh_accidents_recorded",
            N_("Accidents and near misses are recorded"),
            "记录事故和未遂事件",
        ),
        (
            "osh_fire_exits",
            N_("Fire exits are marked and kept clear"),
            "消防通道标识清楚并保持畅通",
        ),
    ],
}

# Units of the currency per US dollar (annual averages, rounded), from 1 January.
EXCHANGE_RATES = [
    ("CNY", "2010-01-01", "6.77"),
    ("CNY", "2011-01-01", "6.46"),
    ("CNY", "2012-01-01", "6.31"),
    ("CNY", "2013-01-01", "6.20"),
    ("CNY", "2014-01-01", "6.16"),
    ("CNY", "2026-01-01", "7.10"),
    ("CHF", "2010-01-01", "1.04"),
    ("CHF", "2011-01-01", "0.89"),
    ("CHF", "2012-01-01", "0.94"),
    ("CHF", "2013-01-01", "0.93"),
    ("CHF", "2014-01-01", "0.92"),
    ("CHF", "2026-01-01", "0.80"),
    ("EUR", "2010-01-01", "0.755"),
    ("EUR", "2011-01-01", "0.719"),
    ("EUR", "2012-01-01", "0.778"),
    ("EUR", "2013-01-01", "0.753"),
    ("EUR", "2014-01-01", "0.754"),
    ("EUR", "2026-01-01", "0.86"),
]
