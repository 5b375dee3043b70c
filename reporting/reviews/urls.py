from reporting.documents.urls import document_urlpatterns
from reporting.reviews import views as review_views

app_name = "reviews"

urlpatterns = document_urlpatterns(
    "<str:code>/<str:kind>/",
    review_views,
    more=[
        ("quotes/", review_views.quote_add, "quote-add"),
        ("quotes/<int:quote_id>/remove/", review_views.quote_remove, "quote-remove"),
        ("passages/", review_views.passage_finder, "passages"),
        ("finalize/", review_views.review_finalize, "finalize"),
        ("download/<str:fmt>/prepare/", review_views.review_download_prepare, "download-prepare"),
        (
            "download/<str:fmt>/<str:digest>/",
            review_views.review_download_stored,
            "download-stored",
        ),
        (
            "download/<str:fmt>/<str:digest>/status/",
            review_views.review_download_status,
            "download-status",
        ),
    ],
)
