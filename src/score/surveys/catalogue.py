"""The seeded questionnaires (data migration 0002; the demo and the workbook reuse them).

Codes are stable: the XLSForm, Kobo/ODK CSV columns and the programme workbook use them."""

from django.utils.translation import gettext_noop as N_

LIKERT = "likert5"
YES_NO = "yes_no"

QUESTIONNAIRES = [
    {
        "code": "SAT",
        "kind": "participant_satisfaction",
        "title": N_("Participant satisfaction after a module"),
        "zh-hans": "模块培训后参与者满意度",
        "waves": ["after_module"],
        "questions": [
            (
                "overall_satisfied",
                LIKERT,
                N_("Overall, I am satisfied with this training."),
                "总体而言，我对本次培训感到满意。",
            ),
            (
                "content_relevant",
                LIKERT,
                N_("The content was relevant to my work."),
                "培训内容与我的工作相关。",
            ),
            (
                "trainer_good",
                LIKERT,
                N_("The trainer explained things clearly."),
                "培训师讲解清楚。",
            ),
            ("materials_useful", LIKERT, N_("The materials were useful."), "培训材料很有用。"),
            (
                "would_recommend",
                YES_NO,
                N_("Would you recommend this training to a colleague?"),
                "您会向同事推荐这项培训吗？",
            ),
        ],
    },
    {
        "code": "WPS",
        "kind": "worker_perception",
        "title": N_("Worker perception survey"),
        "zh-hans": "员工感知调查",
        "waves": ["baseline", "endline"],
        "questions": [
            (
                "relations_improved",
                LIKERT,
                N_("Relations between workers and management have improved."),
                "员工与管理层之间的关系有所改善。",
            ),
            (
                "trust_management",
                LIKERT,
                N_("I trust management to listen to workers."),
                "我相信管理层会倾听员工的意见。",
            ),
            (
                "environment_better",
                LIKERT,
                N_("My working environment is better."),
                "我的工作环境更好了。",
            ),
            (
                "efficiency_higher",
                LIKERT,
                N_("We work more efficiently."),
                "我们的工作效率更高了。",
            ),
            (
                "suggestions_heard",
                YES_NO,
                N_("Have you made a suggestion that was acted on?"),
                "您提出的建议是否被采纳过？",
            ),
        ],
    },
    {
        "code": "MPS",
        "kind": "manager_perception",
        "title": N_("Manager perception survey"),
        "zh-hans": "管理人员感知调查",
        "waves": ["baseline", "endline"],
        "questions": [
            (
                "relations_improved",
                LIKERT,
                N_("Relations between workers and management have improved."),
                "员工与管理层之间的关系有所改善。",
            ),
            (
                "trust_workers",
                LIKERT,
                N_("I trust workers to solve problems on their own."),
                "我相信员工能够自己解决问题。",
            ),
            (
                "costs_lower",
                LIKERT,
                N_("Our production costs are lower."),
                "我们的生产成本降低了。",
            ),
            (
                "productivity_higher",
                LIKERT,
                N_("Our productivity is higher."),
                "我们的生产率提高了。",
            ),
            (
                "environment_better",
                LIKERT,
                N_("The working environment is better."),
                "工作环境更好了。",
            ),
        ],
    },
]
