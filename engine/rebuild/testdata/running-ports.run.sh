docker run --detach --name=legacy --publish=8080:80 localhost:5000/web:1
