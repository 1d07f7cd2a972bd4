from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from dashboard.accounts import views as accounts
from dashboard.api import flows
from dashboard.api import views as api
from dashboard.web import actions, create, reports
from dashboard.web import views as web

urlpatterns = [
    path("", web.home, name="home"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("audit/", web.audit_log, name="audit_log"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("networks/", web.network_list, name="network_list"),
    path("ports/", web.ports, name="ports"),
    path("networks/new/", create.network_create, name="network_create"),
    path("networks/new/check", create.network_create_check, name="network_create_check"),
    path("networks/prune/", actions.network_prune, name="network_prune"),
    path("networks/<str:network_id>/", web.network_detail, name="network_detail"),
    path("networks/<str:network_id>/delete/", actions.network_delete, name="network_delete"),
    path("networks/<str:network_id>/connect/", actions.network_connect, name="network_connect"),
    path(
        "networks/<str:network_id>/disconnect/",
        actions.network_disconnect,
        name="network_disconnect",
    ),
    path("containers/<str:container_id>/", web.container_detail, name="container_detail"),
    path("healthz", api.healthz, name="healthz"),
    path("csp-report", reports.csp_report, name="csp_report"),
    path("api/topology", api.topology, name="api_topology"),
    path("api/topology.<str:fmt>", api.topology_export, name="api_topology_export"),
    path("api/networks/<path:ref>", api.network, name="api_network"),
    path("api/containers/<path:ref>", api.container, name="api_container"),
    path("api/reach", api.reach, name="api_reach"),
    path("api/flows", flows.flows, name="api_flows"),
    path("api/probe/report", flows.probe_report, name="api_probe_report"),
    path("api/ports", api.ports, name="api_ports"),
    path("api/warnings", api.warnings, name="api_warnings"),
    path("api/history", api.history_list, name="api_history"),
    path("api/history/compare", api.history_compare, name="api_history_compare"),
    path("history/", web.timeline, name="timeline"),
    path("admin/", admin.site.urls),
]
