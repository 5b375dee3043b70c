from django.urls import path

from reporting.reviews import views as review_views

app_name = "reviews"

urlpatterns = [
    path("", review_views.review_index, name="index"),
    path("<str:code>/<str:kind>/", review_views.review_detail, name="review"),
    path("<str:code>/<str:kind>/quotes/", review_views.quote_add, name="quote-add"),
    path(
        "<str:code>/<str:kind>/quotes/<int:quote_id>/remove/",
        review_views.quote_remove,
        name="quote-remove",
    ),
    path("<str:code>/<str:kind>/passages/", review_views.passage_finder, name="passages"),
    path("<str:code>/<str:kind>/finalize/", review_views.review_finalize, name="finalize"),
    path("<str:code>/<str:kind>/reopen/", review_views.review_reopen, name="reopen"),
    path(
        "<str:code>/<str:kind>/download/<str:fmt>/",
        review_views.review_download,
        name="download",
    ),
    path(
        "<str:code>/<str:kind>/download/<str:fmt>/prepare/",
        review_views.review_download_prepare,
        name="download-prepare",
    ),
    path(
        "<str:code>/<str:kind>/download/<str:fmt>/<str:digest>/",
        review_views.review_download_stored,
        name="download-stored",
    ),
    path(
        "<str:code>/<str:kind>/download/<str:fmt>/<str:digest>/status/",
        review_views.review_download_status,
        name="download-status",
    ),
]
