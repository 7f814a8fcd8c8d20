from django.urls import path

from score.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("prices/", views.price_list, name="price_list"),
    path("prices/new/", views.price_create, name="price_create"),
    path("fees/", views.fee_list, name="fee_list"),
    path("fees/<int:enrolment_pk>/", views.fee_detail, name="fee_detail"),
    path("fees/<int:enrolment_pk>/edit/", views.fee_edit, name="fee_edit"),
    path("invoices/", views.invoice_list, name="invoice_list"),
    path("invoices/new/", views.invoice_create, name="invoice_create"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/issue/", views.invoice_issue, name="invoice_issue"),
    path("invoices/<int:pk>/cancel/", views.invoice_cancel, name="invoice_cancel"),
    path("invoices/<int:pk>/payments/", views.invoice_payment, name="invoice_payment"),
    path("revenue/", views.revenue, name="revenue"),
    path("budgets/", views.budget_list, name="budget_list"),
    path("budgets/<int:pk>/", views.budget_detail, name="budget_detail"),
    path("cost-recovery/", views.cost_recovery, name="cost_recovery"),
]
