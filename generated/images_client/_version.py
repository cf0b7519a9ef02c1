# Generated from spec/openapi.yaml by images-sdk-generator. Do not edit; run `make generate`.

__title__ = "images_client"
__version__ = "1.0.0"
