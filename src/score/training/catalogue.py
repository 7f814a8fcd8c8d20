"""The five core SCORE modules, seeded by a data migration (and reused by the demo)."""

from django.utils.translation import gettext_noop as N_

CORE_MODULES = [
    {
        "code": "WC",
        "order": 1,
        "name": N_("Workplace Cooperation"),
        "zh-hans": "工作场所合作",
        "description": N_(
            "Communication, joint problem solving and suggestion schemes; "
            "every enterprise starts here."
        ),
    },
    {
        "code": "QM",
        "order": 2,
        "name": N_("Quality Management"),
        "zh-hans": "质量管理",
        "description": N_("Customer focus, quality systems and defect reduction."),
    },
    {
        "code": "PCP",
        "order": 3,
        "name": N_("Productivity & Cleaner Production"),
        "zh-hans": "生产率与清洁生产",
        "description": N_("Resource efficiency: less energy, material and waste per unit."),
    },
    {
        "code": "HR",
        "order": 4,
        "name": N_("Workforce Management"),
        "zh-hans": "人力资源管理",
        "description": N_("Human resource management: recruitment, pay, skills, retention."),
    },
    {
        "code": "OSH",
        "order": 5,
        "name": N_("Occupational Safety & Health"),
        "zh-hans": "职业安全与健康",
        "description": N_("Safety and health at work: risks, accidents, working environment."),
    },
]
