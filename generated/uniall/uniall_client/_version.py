# generated from specs/uniall.yaml by gatewaygen, do not edit
__version__ = "1.0.27"
