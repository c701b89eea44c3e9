docker run --detach --name=probe --network=host --restart=always --entrypoint= localhost:5000/web:1 /web -x
